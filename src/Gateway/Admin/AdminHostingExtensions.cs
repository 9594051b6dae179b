using System.Text.Encodings.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using OrleansProxy.Hosting;

namespace OrleansProxy.Gateway.Admin;

/// <summary>Wires the admin key, the admin API's services and, in cluster mode, the Orleans Dashboard's client side.</summary>
public static class AdminHostingExtensions
{
    /// <summary>
    /// Registers the admin key (<c>ADMIN_KEY</c>), its authentication scheme and policy, the audit log and the
    /// credential adder. A gateway that is a pure cluster client also gets the dashboard's client services (the silos
    /// add theirs in <see cref="SiloHostingExtensions.AddProxyGrains"/>).
    /// </summary>
    public static WebApplicationBuilder AddProxyAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>()
            .BindConfiguration(AdminOptions.SectionName)
            .PostConfigure(o => o.AdminKey = string.IsNullOrEmpty(builder.Configuration["ADMIN_KEY"]) ? o.AdminKey : builder.Configuration["ADMIN_KEY"])
            .Validate(o => string.IsNullOrEmpty(o.AdminKey) || o.AdminKey != builder.Configuration["PROXY_KEY"],
                "ADMIN_KEY must differ from PROXY_KEY: clients must not be able to manage credentials.")
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AdminKey>();
        builder.Services.AddSingleton<AdminSession>();
        builder.Services.AddSingleton<AdminAudit>();
        builder.Services.AddSingleton<CredentialAdder>();
        // The core services only: AddAuthentication() would add Data Protection, whose key ring a stateless gateway
        // has no use for (the session cookie is an HMAC under the admin key, valid on every gateway).
        // The admin policy names its scheme. Without this switch ASP.NET Core would make the only scheme the default
        // and run the admin handler (created per request) on every proxied call, where it has nothing to check.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        builder.Services.AddAuthenticationCore(o => o.AddScheme<AdminKeyAuthenticationHandler>(AdminAuthentication.Scheme, null));
        builder.Services.TryAddSingleton(UrlEncoder.Default);
        builder.Services.AddAuthorization(AdminAuthentication.AddPolicy);

        if (ProxyClusterOptions.FromConfiguration(builder.Configuration).IsCluster)
        {
            // Reuses the client builder AddProxyGateway made; the dashboard reads the silos' grain statistics.
            builder.UseOrleansClient(client => client.AddDashboard());
        }

        return builder;
    }
}
