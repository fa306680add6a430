using System.Buffers.Text;
using System.Text.Json;
using Factline.Api.Errors;
using Factline.Api.Json;
using Factline.Api.Queries;
using Factline.Storage.Queries;

namespace Factline.Api.Paging;

/// <summary>
/// The opaque <c>cursor</c> token: a <see cref="FactCursor"/> plus the fingerprint of the query it
/// belongs to, as base64url JSON. Clients must not build or edit one; a foreign or damaged token is a 400.
/// </summary>
internal sealed record CursorToken(string Query, string? Text, long Number, string Topic, int Partition, long Offset)
{
    public static string Encode(FactCursor cursor, string fingerprint)
    {
        var token = new CursorToken(fingerprint, cursor.SortValue.Text, cursor.SortValue.Number, cursor.Topic, cursor.Partition, cursor.Offset);
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(token, ApiJson.Context.CursorToken));
    }

    /// <summary>The position to continue after, if <paramref name="text"/> is a token issued for this very query.</summary>
    public static FactCursor Decode(string text, string fingerprint, FactSort sort)
    {
        var token = Read(text) ?? throw Invalid("is not a cursor issued by this API");
        if (token.Query != fingerprint)
            throw Invalid("belongs to a different query; repeat the filters and sort it was issued for, or start without a cursor");
        var textSorted = FactFields.KindOf(sort.Field) == FieldKind.Text;
        if (textSorted != token.Text is not null)
            throw Invalid("is not a cursor issued by this API");
        var sortValue = textSorted ? FilterValue.Of(token.Text!) : FilterValue.Of(token.Number);
        return new FactCursor(sortValue, token.Topic, token.Partition, token.Offset);
    }

    private static CursorToken? Read(string text)
    {
        if (!Base64Url.IsValid(text))
            return null;
        try
        {
            var token = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(text), ApiJson.Context.CursorToken);
            return token is { Query: not null, Topic: not null } ? token : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TmfErrorException Invalid(string problem) => TmfErrorException.InvalidQueryParameter(ListParameters.Cursor, problem);
}
