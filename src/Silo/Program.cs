using OrleansProxy.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrls(defaultPort: 8080);
builder.AddProxySilo();

var app = builder.Build();
app.MapSiloHealth();
app.Run();
