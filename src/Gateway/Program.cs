using OrleansProxy.Gateway.Admin;
using OrleansProxy.Gateway.BedrockFront;
using OrleansProxy.Gateway.Endpoints;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Gateway.Info;
using OrleansProxy.Hosting;

var builder = ProxyWebHost.CreateBuilder(args);
builder.UseDefaultUrls(defaultPort: 7860);
builder.AddProxyGateway();
builder.AddProxyAdmin();
builder.AddProxyTelemetry(ProxyMetrics.MeterName);

var app = builder.Build();
app.UseProxyErrorBodies();
app.MapInfoApi();
app.MapProxyApi();
app.MapBedrockFrontApi();
app.MapAdminApi();
app.MapAdminDashboard();
app.MapProxyTelemetry();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
