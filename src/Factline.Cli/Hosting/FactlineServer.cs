using Factline.Api;

namespace Factline.Cli.Hosting;

/// <summary>The long-running service: projector and API in one process over one store.</summary>
public static class FactlineServer
{
    /// <param name="replaceServices">Registrations over the configured ones (tests: options no configuration may hold).</param>
    public static WebApplication Build(CommonOptions options, Action<IServiceCollection>? replaceServices = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddFactlineSources(options);
        LogLevelSettings.Validate(builder.Configuration);
        builder.Services.AddProjection(builder.Configuration);
        builder.Services.AddMetricsExport(builder.Configuration);
        builder.AddFactlineApi();
        replaceServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseOneStorePerRequest();
        app.MapFactlineApi();
        return app;
    }

    /// <summary>The projector alone, without the API (e.g. a dedicated writer process).</summary>
    public static IHost BuildProjectorOnly(CommonOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddFactlineSources(options);
        LogLevelSettings.Validate(builder.Configuration);
        builder.Services.AddProjection(builder.Configuration);
        builder.Services.AddMetricsExport(builder.Configuration);
        return builder.Build();
    }
}
