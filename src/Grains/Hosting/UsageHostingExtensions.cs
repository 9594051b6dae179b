using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansProxy.Usage;

namespace OrleansProxy.Hosting;

/// <summary>Registers the price table, on silos (budgets) and gateways (estimated costs) alike.</summary>
public static class UsageHostingExtensions
{
    /// <summary>
    /// Binds <see cref="PriceOptions"/> (with <c>PRICES</c> winning over <c>Usage:Prices</c>), validates it at start
    /// and registers the resulting <see cref="PriceTable"/>. Safe to call twice (a standalone gateway hosts a silo).
    /// </summary>
    public static IServiceCollection AddPriceTable(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(PriceTable)))
        {
            return services;
        }

        services.AddOptions<PriceOptions>()
            .BindConfiguration(PriceOptions.SectionName)
            .PostConfigure(o => o.Prices = string.IsNullOrWhiteSpace(configuration["PRICES"]) ? o.Prices : configuration["PRICES"])
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PriceOptions>, PriceOptionsValidator>());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PriceOptions>>().Value.Table);
        return services;
    }
}
