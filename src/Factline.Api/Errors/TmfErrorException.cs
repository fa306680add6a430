namespace Factline.Api.Errors;

/// <summary>
/// Ends a request with a TMF error from anywhere in a handler (the query parsers use it for bad
/// parameters); <see cref="TmfExceptionHandler"/> writes the body. Carries no stack trace to the client.
/// </summary>
internal sealed class TmfErrorException(TmfError error) : Exception(error.Message)
{
    public TmfError Error { get; } = error;

    public static TmfErrorException InvalidQueryParameter(string parameter, string problem) =>
        new(TmfError.InvalidQueryParameter(parameter, problem));
}
