using Factline.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Factline.Api.Health;

/// <summary>
/// Ready means the store answers: the smallest read every store has (its counters), within the check's timeout. A read
/// that throws or times out is reported as the registration's failure status by the health-check service, which logs it.
/// </summary>
internal sealed class StoreHealthCheck(IFactReader store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await store.ReadCountersAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
