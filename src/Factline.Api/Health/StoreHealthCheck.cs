using Factline.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Factline.Api.Health;

/// <summary>Ready means the store answers: the smallest read every store has (its counters), within the check's timeout.</summary>
internal sealed class StoreHealthCheck(IFactReader store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ReadCountersAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The framework logs the exception; the probe's answer says only that the store did not answer.
            return new HealthCheckResult(context.Registration.FailureStatus, "the store did not answer", e);
        }
    }
}
