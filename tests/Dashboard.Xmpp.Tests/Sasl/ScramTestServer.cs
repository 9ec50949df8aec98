using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Xmpp.Tests.Sasl;

/// <summary>
/// The server side of SCRAM (RFC 5802 §3), written from the RFC for the tests: it checks the client's
/// proof by recovering the client key, and answers with its own server signature.
/// </summary>
internal sealed class ScramTestServer(HashAlgorithmName hash, string preparedPassword, byte[] salt, int iterations, string nonceSuffix)
{
    private string _clientFirstBare = "";
    private string _serverFirst = "";

    public string? UserName { get; private set; }

    public string ClientNonce { get; private set; } = "";

    public string ServerFirst(byte[] clientFirst)
    {
        var text = Encoding.UTF8.GetString(clientFirst);
        Assert.StartsWith("n,,", text, StringComparison.Ordinal);
        _clientFirstBare = text[3..];
        var attributes = _clientFirstBare.Split(',');
        UserName = attributes.Single(a => a.StartsWith("n=", StringComparison.Ordinal))[2..];
        ClientNonce = attributes.Single(a => a.StartsWith("r=", StringComparison.Ordinal))[2..];
        _serverFirst = $"r={ClientNonce}{nonceSuffix},s={Convert.ToBase64String(salt)},i={iterations}";
        return _serverFirst;
    }

    /// <summary>The server-final message: <c>v=</c> when the proof is right, <c>e=invalid-proof</c> otherwise.</summary>
    public string ServerFinal(byte[] clientFinal)
    {
        var text = Encoding.UTF8.GetString(clientFinal);
        var proofAt = text.LastIndexOf(",p=", StringComparison.Ordinal);
        var withoutProof = text[..proofAt];
        var proof = Convert.FromBase64String(text[(proofAt + 3)..]);
        Assert.Equal("c=biws,r=" + ClientNonce + nonceSuffix, withoutProof);

        var authMessage = Encoding.UTF8.GetBytes(_clientFirstBare + "," + _serverFirst + "," + withoutProof);
        var length = HashLength();
        var saltedPassword = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(preparedPassword), salt, iterations, hash, length);
        var storedKey = Hash(Hmac(saltedPassword, Encoding.ASCII.GetBytes("Client Key")));
        var clientSignature = Hmac(storedKey, authMessage);
        var recoveredClientKey = proof.Zip(clientSignature, (p, s) => (byte)(p ^ s)).ToArray();
        if (!Hash(recoveredClientKey).AsSpan().SequenceEqual(storedKey))
        {
            return "e=invalid-proof";
        }

        var serverKey = Hmac(saltedPassword, Encoding.ASCII.GetBytes("Server Key"));
        return "v=" + Convert.ToBase64String(Hmac(serverKey, authMessage));
    }

    private int HashLength() => hash == HashAlgorithmName.SHA1 ? 20 : hash == HashAlgorithmName.SHA256 ? 32 : 64;

    private byte[] Hmac(byte[] key, byte[] data) => HashLength() switch
    {
        20 => HMACSHA1.HashData(key, data),
        32 => HMACSHA256.HashData(key, data),
        _ => HMACSHA512.HashData(key, data),
    };

    private byte[] Hash(byte[] data) => HashLength() switch
    {
        20 => SHA1.HashData(data),
        32 => SHA256.HashData(data),
        _ => SHA512.HashData(data),
    };
}
