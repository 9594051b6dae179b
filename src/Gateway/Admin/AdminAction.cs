namespace OrleansProxy.Gateway.Admin;

/// <summary>The changes an operator can make through the admin API, as the audit log names them.</summary>
public enum AdminAction
{
    /// <summary>A credential was added at run time.</summary>
    Add,

    /// <summary>Adding credentials was refused (e.g. no <c>CREDENTIAL_ENCRYPTION_KEY</c> on the silos).</summary>
    AddRefused,

    /// <summary>A credential was retired.</summary>
    Retire,

    /// <summary>A credential was disabled.</summary>
    Disable,

    /// <summary>A credential was re-enabled.</summary>
    Enable,

    /// <summary>A credential's checks were run on demand.</summary>
    Recheck,

    /// <summary>A user was created (with its first token).</summary>
    CreateUser,

    /// <summary>A user's settings were changed.</summary>
    UpdateUser,

    /// <summary>A user was deleted, with its token and usage.</summary>
    DeleteUser,

    /// <summary>A user was disabled.</summary>
    DisableUser,

    /// <summary>A user was re-enabled.</summary>
    EnableUser,

    /// <summary>A user's token was replaced.</summary>
    RotateUser,
}
