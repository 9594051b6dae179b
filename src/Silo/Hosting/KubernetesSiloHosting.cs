using OrleansProxy.Hosting;

namespace OrleansProxy.Silo.Hosting;

/// <summary>Orleans' Kubernetes integration for cluster silos, switched on by <c>ORLEANS_KUBERNETES=true</c>.</summary>
public static class KubernetesSiloHosting
{
    /// <summary>
    /// With <c>ORLEANS_KUBERNETES=true</c>: names the silo after its pod (<c>POD_NAME</c>), advertises the pod IP
    /// (<c>POD_IP</c>), labels the pod with the cluster and service ids, and declares a silo dead as soon as its pod is
    /// deleted, before probes would. The pod's service account must be allowed to get, list, watch and patch pods
    /// (<c>deploy/k8s/silo-rbac.yaml</c>). Off by default because the Kubernetes client cannot be configured outside a
    /// pod. Membership and grain state still live in Redis, so cluster mode (<c>ORLEANS_REDIS</c>) is required.
    /// </summary>
    public static IHostApplicationBuilder AddKubernetesHostingWhenEnabled(this IHostApplicationBuilder builder)
    {
        if (!SiloHostingExtensions.IsTrue(builder.Configuration["ORLEANS_KUBERNETES"]))
        {
            return builder;
        }

        if (!ProxyClusterOptions.FromConfiguration(builder.Configuration).IsCluster)
        {
            throw new InvalidOperationException("ORLEANS_KUBERNETES=true needs cluster mode: set ORLEANS_REDIS as well.");
        }

        builder.UseOrleans(silo => silo.UseKubernetesHosting());
        return builder;
    }
}
