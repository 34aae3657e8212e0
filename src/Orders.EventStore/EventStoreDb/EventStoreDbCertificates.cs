using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Orders.EventStore.EventStoreDb;

/// <summary>How a node's TLS certificate is judged: by the system's trust, by a private CA, or (when asked) not at all.</summary>
internal static class EventStoreDbCertificates
{
    public static RemoteCertificateValidationCallback? Validation(EventStoreDbSettings settings)
    {
        // The operator asked for it with tlsVerifyCert=false (self-signed development certificates).
        if (!settings.VerifyServerCertificate)
#pragma warning disable CA5359
            return (_, _, _, _) => true;
#pragma warning restore CA5359
        if (settings.CaFile is null)
            return null;

        var authority = X509Certificate2.CreateFromPem(File.ReadAllText(settings.CaFile));
        return (_, certificate, _, errors) => errors switch
        {
            SslPolicyErrors.None => true,
            SslPolicyErrors.RemoteCertificateChainErrors when certificate is not null => ChainsTo(authority, certificate),
            _ => false,
        };
    }

    /// <summary>The node's certificate chains to the private CA, and to it alone.</summary>
    private static bool ChainsTo(X509Certificate2 authority, X509Certificate certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }
}
