namespace Factline.Api.OpenApi;

/// <summary>Endpoint metadata: besides its usual 200 body, the endpoint answers <paramref name="Body"/>, as <paramref name="Description"/> says when.</summary>
internal sealed record AlternativeSuccessDoc(Type Body, string Description);
