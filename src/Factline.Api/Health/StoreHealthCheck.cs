using Factline.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Factline.Api.Health;

/// <summary>
/// Ready means the store answers: the smallest read every store has (its counters), within the check's timeout. A read
/// that fails is the registration's failure status with the reason: a probe every few seconds during an outage must not
/// log a stack trace each time (the health-check service logs one for a check that throws).
/// </summary>
internal sealed class StoreHealthCheck(IFactReader store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ReadCountersAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"the store did not answer: {e.Message}");
        }
    }
}
