using Factline.Envelope;

namespace Factline.Tests.Timelines;

/// <summary>Errors that facts of the simulated TM Forum flows carry.</summary>
internal static class Errors
{
    public static readonly FactError InventoryTimeout = new() { Code = "INV-504", Message = "inventory adapter timed out", Retryable = true };
    public static readonly FactError PaymentUnavailable = new() { Code = "PAY-503", Message = "payment gateway unavailable (HTTP 503)", Retryable = true };
    public static readonly FactError NotOrderable = new() { Code = "VAL-422", Message = "productOffering is not orderable for this customer", Retryable = false };
    public static readonly FactError NoResponse = new() { Code = "NO_RESPONSE", Message = "connection lost after the request was sent; the downstream outcome is unknown" };

    public static readonly FactError DeadLetter = new()
    {
        Code = "DEAD_LETTER",
        Message = "gave up on adapter.payment after 3 attempt(s): PAY-503 payment gateway unavailable (HTTP 503)",
        Retryable = false,
    };
}
