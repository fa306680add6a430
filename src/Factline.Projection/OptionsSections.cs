using Microsoft.Extensions.Configuration;

namespace Factline.Projection;

/// <summary>Reads a configuration section into its options before anything starts.</summary>
public static class OptionsSections
{
    /// <summary>
    /// The section bound to <typeparamref name="T"/> (its defaults where a key is absent), then validated.
    /// </summary>
    /// <exception cref="ArgumentException">A value does not convert to its type (e.g. "abc" for a number), or is out of range.</exception>
    public static T ReadValidated<T>(this IConfiguration configuration, string section) where T : ISelfValidatingOptions, new()
    {
        var options = configuration.Read<T>(section);
        options.Validate();
        return options;
    }

    /// <summary>The section bound to <typeparamref name="T"/> (its defaults where a key is absent), for options that check themselves otherwise.</summary>
    /// <exception cref="ArgumentException">A value does not convert to its type (e.g. "abc" for a number).</exception>
    public static T Read<T>(this IConfiguration configuration, string section) where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the type: "Failed to convert configuration value 'abc' at ...".
            throw new ArgumentException(e.Message, e);
        }
    }

    /// <summary>Throws when <paramref name="value"/> is not above zero, naming the key as <paramref name="section"/>:<paramref name="name"/>.</summary>
    public static void Positive(string section, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
            throw new ArgumentException($"{section}:{name} must be longer than zero, not {value}.");
    }

    /// <summary>Throws when <paramref name="value"/> is below <paramref name="minimum"/>, naming the key as <paramref name="section"/>:<paramref name="name"/>.</summary>
    public static void AtLeast<TValue>(string section, string name, TValue value, TValue minimum) where TValue : IComparable<TValue>
    {
        if (value.CompareTo(minimum) < 0)
            throw new ArgumentException($"{section}:{name} must be {minimum} or more, not {value}.");
    }
}
