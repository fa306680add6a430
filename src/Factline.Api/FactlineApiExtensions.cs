using System.Text.Json.Serialization;
using Factline.Api.Admin;
using Factline.Api.Errors;
using Factline.Api.Events;
using Factline.Api.Evidence;
using Factline.Api.Health;
using Factline.Api.Hubs;
using Factline.Api.Http;
using Factline.Api.Json;
using Factline.Api.OpenApi;
using Factline.Api.Quarantine;
using Factline.Api.Queries;
using Factline.Api.Status;
using Factline.Api.Timelines;
using Factline.Api.Topics;
using Factline.Projection;
using Factline.Projection.Evidence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Factline.Api;

/// <summary>
/// Wires the TMF688 API into a host: <c>builder.AddFactlineApi()</c> (or <c>services.AddFactlineApi(configuration)</c>),
/// then <c>app.MapFactlineApi()</c>. The host registers the <see cref="Storage.IFactReader"/> it serves.
/// </summary>
public static class FactlineApiExtensions
{
    private static readonly int[] ErrorStatuses =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound,
        StatusCodes.Status405MethodNotAllowed, StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable,
    ];

    private static IEnumerable<object> ErrorResponses =>
        ErrorStatuses.Select(TmfErrorResponses.Of);

    /// <summary>Registers the API's services and makes Kestrel listen on <see cref="ApiOptions.Urls"/>.</summary>
    public static WebApplicationBuilder AddFactlineApi(this WebApplicationBuilder builder)
    {
        // Checked here, before anything starts, as every Factline setting is: a wrong one is one line naming its key.
        var api = builder.Configuration.ReadValidated<ApiOptions>(ApiOptions.Section);
        builder.Services.AddFactlineApi(builder.Configuration, api);
        builder.WebHost.UseUrls(api.Urls);
        return builder;
    }

    public static IServiceCollection AddFactlineApi(this IServiceCollection services, IConfiguration configuration) =>
        services.AddFactlineApi(configuration, configuration.ReadValidated<ApiOptions>(ApiOptions.Section));

    private static IServiceCollection AddFactlineApi(this IServiceCollection services, IConfiguration configuration, ApiOptions api)
    {
        services.AddSingleton(Options.Create(api));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            // Numbers are numbers: the web default would also accept (and document) numbers in strings.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddExceptionHandler<TmfExceptionHandler>();
        // UseExceptionHandler() refuses to start without a problem-details service, even when an IExceptionHandler answers.
        services.AddProblemDetails();
        services.TryAddSingleton(configuration.ReadValidated<EvidenceOptions>(EvidenceOptions.Section));
        services.AddSingleton<NotFoundResponder>();
        services.AddSingleton<QuarantinedPositionNotFound>();
        services.AddOpenApi(TmfOpenApi.DocumentName, TmfOpenApi.Configure);
        services.AddTimelines(configuration);
        services.AddTopics(configuration);
        services.AddHealth();
        return services;
    }

    /// <summary>
    /// Maps the API under both TMF688 base paths, the OpenAPI document, the reference page, the health probes, and
    /// the TMF error body for every failure, including unknown routes, wrong methods and crashes.
    /// </summary>
    public static WebApplication MapFactlineApi(this WebApplication app)
    {
        app.UseHeadAsGet();
        app.UseRouting(); // after it: endpoints are matched by the GET that a HEAD became
        app.UseDecodedRouteValues();
        app.UseExceptionHandler();
        app.UseStatusCodePages(TmfStatusCodePages.WriteAsync);

        foreach (var basePath in TmfBasePath.All)
        {
            // Everything that applies to every resource (error responses, evidence headers) is set once here.
            var api = app.MapGroup(basePath.Prefix);
            api.WithMetadata([basePath, .. ErrorResponses]);
            api.AddEndpointFilter<QueryTextFilter>();
            api.AddEndpointFilter<EvidenceFilter>();
            api.MapEventEndpoints(basePath);
            api.MapAdminEndpoints(basePath);
            api.MapStatusEndpoints(basePath);
            api.MapQuarantineEndpoints(basePath);
            api.MapTimelineEndpoints(basePath);
            api.MapTopicEndpoints(basePath);
            api.MapHubEndpoints(basePath);
        }

        app.MapOpenApi(TmfOpenApi.DocumentPath).ForTheServedDocumentOnly();
        app.MapReferencePage();
        app.MapHealth();
        return app;
    }
}
