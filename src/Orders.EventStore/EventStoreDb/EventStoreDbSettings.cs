namespace Orders.EventStore.EventStoreDb;

/// <summary>Where and how to reach one EventStoreDB node, as read from an <c>esdb://</c> connection string.</summary>
internal sealed record EventStoreDbSettings(
    string Host,
    int Port,
    bool UseTls,
    bool VerifyServerCertificate,
    EventStoreDbCredentials? Credentials,
    TimeSpan DefaultDeadline)
{
    public const int DefaultPort = 2113;
    public static readonly TimeSpan DefaultCallDeadline = TimeSpan.FromSeconds(10);

    public Uri Address => new UriBuilder(UseTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, Host, Port).Uri;
}

/// <summary>Basic-auth credentials. The password never appears in <see cref="ToString"/>.</summary>
internal sealed record EventStoreDbCredentials(string User, string Password)
{
    public string AuthorizationHeader =>
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{User}:{Password}"));

    public override string ToString() => $"{User}:***";
}
