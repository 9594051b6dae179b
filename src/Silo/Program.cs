using OrleansProxy.Hosting;
using OrleansProxy.Silo.Hosting;

var builder = ProxyWebHost.CreateBuilder(args);
builder.UseDefaultUrls(defaultPort: 8080);
builder.AddProxySilo();
builder.AddKubernetesHostingWhenEnabled();
builder.AddProxyTelemetry();

var app = builder.Build();
app.MapSiloHealth();
app.MapProxyTelemetry();
app.Run();
