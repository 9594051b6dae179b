using OrleansProxy.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrls(defaultPort: 8080);
builder.AddProxySilo();
builder.AddProxyTelemetry();

var app = builder.Build();
app.MapSiloHealth();
app.MapProxyTelemetry();
app.Run();
