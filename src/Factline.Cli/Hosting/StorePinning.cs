using Factline.Projection.Rebuild;

namespace Factline.Cli.Hosting;

public static class StorePinning
{
    /// <summary>
    /// Answers every request from one store: when a rebuild replaces the live store mid-request, the
    /// request still reads only the store it started with. Stores that cannot be rebuilt are never replaced.
    /// </summary>
    public static WebApplication UseOneStorePerRequest(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            using (context.RequestServices.GetService<SwappableProjectionStore>()?.Pin())
                await next(context);
        });
        return app;
    }
}
