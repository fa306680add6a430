namespace Factline.Projection;

/// <summary>Options that check their own values, so a wrong setting stops the service at start and names its key.</summary>
public interface ISelfValidatingOptions
{
    /// <exception cref="ArgumentException">A value is out of range; the message names its configuration key.</exception>
    void Validate();
}
