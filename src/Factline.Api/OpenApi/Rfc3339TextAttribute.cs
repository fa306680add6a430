namespace Factline.Api.OpenApi;

/// <summary>Marks a string property that holds an RFC 3339 time, so the OpenAPI schema gives it the date-time format.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class Rfc3339TextAttribute : Attribute;
