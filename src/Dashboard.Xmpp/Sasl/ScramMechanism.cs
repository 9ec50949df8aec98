using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Xmpp.Sasl;

/// <summary>
/// The client side of SCRAM (RFC 5802, RFC 7677) without channel binding (GS2 header <c>n,,</c>): the
/// password never crosses the wire and the server proves it knows the password too.
/// </summary>
public sealed class ScramMechanism : ISaslMechanism
{
    /// <summary>The lowest iteration count accepted (RFC 5802 §5.1, RFC 7677 §4).</summary>
    public const int MinimumIterationCount = 4096;

    /// <summary>
    /// The highest iteration count accepted: far above any real deployment, low enough that a hostile
    /// server cannot stall the client for minutes.
    /// </summary>
    public const int MaximumIterationCount = 10_000_000;

    private const string Gs2Header = "n,,";
    private const int NonceBytes = 24;
    private const int MaxEchoLength = 64;

    private readonly HashAlgorithmName _hash;
    private readonly string _clientNonce;
    private readonly string _clientFirstBare;
    private byte[] _password;
    private byte[]? _expectedServerSignature;
    private State _state;

    /// <summary>Creates the mechanism with a random client nonce.</summary>
    /// <exception cref="SaslException">The user name or password fails SASLprep.</exception>
    public ScramMechanism(ScramAlgorithm algorithm, string userName, string password)
        : this(algorithm, userName, password, CreateNonce())
    {
    }

    /// <summary>Creates the mechanism with a fixed client nonce; for tests against known vectors only.</summary>
    /// <exception cref="SaslException">The user name or password fails SASLprep.</exception>
    /// <exception cref="ArgumentException">The nonce is empty or not printable ASCII without ','.</exception>
    public ScramMechanism(ScramAlgorithm algorithm, string userName, string password, string clientNonce)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(clientNonce);
        if (!IsValidNonce(clientNonce))
        {
            throw new ArgumentException("The client nonce must be printable ASCII without ','.", nameof(clientNonce));
        }

        (Name, _hash) = algorithm switch
        {
            ScramAlgorithm.Sha1 => (SaslMechanismNames.ScramSha1, HashAlgorithmName.SHA1),
            ScramAlgorithm.Sha256 => (SaslMechanismNames.ScramSha256, HashAlgorithmName.SHA256),
            ScramAlgorithm.Sha512 => (SaslMechanismNames.ScramSha512, HashAlgorithmName.SHA512),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };

        Algorithm = algorithm;
        _clientNonce = clientNonce;
        var preparedUser = SaslPrep.Prepare(userName, "user name");
        _password = Encoding.UTF8.GetBytes(SaslPrep.Prepare(password, "password"));
        _clientFirstBare = "n=" + EscapeUserName(preparedUser) + ",r=" + clientNonce;
    }

    private enum State
    {
        Initial,
        ClientFirstSent,
        ClientFinalSent,
        ServerVerified,
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The hash function this instance uses.</summary>
    public ScramAlgorithm Algorithm { get; }

    /// <summary>The client-first message: GS2 header, user name and client nonce.</summary>
    public byte[]? InitialResponse()
    {
        Require(State.Initial, nameof(InitialResponse));
        _state = State.ClientFirstSent;
        return Encoding.UTF8.GetBytes(Gs2Header + _clientFirstBare);
    }

    /// <summary>
    /// Answers the server-first message with the client-final message (carrying the proof); a server-final
    /// message sent as a challenge instead of inside <c>&lt;success/&gt;</c> is verified and answered empty.
    /// </summary>
    /// <exception cref="SaslException">The challenge is malformed or fails a check.</exception>
    public byte[] EvaluateChallenge(byte[] challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        switch (_state)
        {
            case State.ClientFirstSent:
                return Encoding.UTF8.GetBytes(AnswerServerFirst(Decode(challenge, "server-first")));
            case State.ClientFinalSent:
                VerifyServerFinal(Decode(challenge, "server-final"));
                return [];
            default:
                throw new InvalidOperationException($"{Name} received a challenge in state {_state}.");
        }
    }

    /// <summary>Verifies the server signature in the server-final message.</summary>
    /// <exception cref="SaslException">The signature is missing, wrong or replaced by an error.</exception>
    public void VerifySuccess(byte[] additionalData)
    {
        ArgumentNullException.ThrowIfNull(additionalData);
        if (_state == State.ServerVerified)
        {
            // Already verified from a challenge; a repeated server-final must still be the right one.
            if (additionalData.Length > 0)
            {
                VerifyServerFinal(Decode(additionalData, "server-final"));
            }

            return;
        }

        if (_state != State.ClientFinalSent)
        {
            if (_state == State.ClientFirstSent)
            {
                throw new SaslException(
                    SaslFailureReason.ServerSignatureMissing,
                    $"The server reported {Name} success before the client sent its proof.");
            }

            throw new InvalidOperationException($"{Name} received success in state {_state}.");
        }

        if (additionalData.Length == 0)
        {
            throw new SaslException(
                SaslFailureReason.ServerSignatureMissing,
                $"The server reported {Name} success without a server signature.");
        }

        VerifyServerFinal(Decode(additionalData, "server-final"));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({_state})";

    private string AnswerServerFirst(string serverFirst)
    {
        var attributes = ParseAttributes(serverFirst, "server-first");
        var serverNonce = Required(attributes, 'r', "server-first");
        var saltText = Required(attributes, 's', "server-first");
        var iterationText = Required(attributes, 'i', "server-first");

        if (!serverNonce.StartsWith(_clientNonce, StringComparison.Ordinal) || serverNonce.Length == _clientNonce.Length)
        {
            throw new SaslException(
                SaslFailureReason.NonceMismatch,
                "The server nonce does not extend the client nonce: the exchange may be replayed or tampered with.");
        }

        if (!IsValidNonce(serverNonce))
        {
            throw Malformed("server-first", "the nonce has characters outside printable ASCII");
        }

        byte[] salt;
        try
        {
            salt = Convert.FromBase64String(saltText);
        }
        catch (FormatException ex)
        {
            throw new SaslException(SaslFailureReason.MalformedChallenge, "The SCRAM salt is not valid base64.", ex);
        }

        if (salt.Length == 0)
        {
            throw Malformed("server-first", "the salt is empty");
        }

        if (iterationText.Length is 0 or > 10 || !iterationText.All(char.IsAsciiDigit)
            || !long.TryParse(iterationText, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            throw Malformed("server-first", "the iteration count is not a positive decimal number");
        }

        if (iterations < MinimumIterationCount)
        {
            throw new SaslException(
                SaslFailureReason.IterationCountTooLow,
                $"The server asks for {iterations} iterations; at least {MinimumIterationCount} are required.");
        }

        if (iterations > MaximumIterationCount)
        {
            throw new SaslException(
                SaslFailureReason.IterationCountTooHigh,
                $"The server asks for {iterations} iterations; at most {MaximumIterationCount} are accepted.");
        }

        var clientFinalWithoutProof = "c=" + Convert.ToBase64String(Encoding.ASCII.GetBytes(Gs2Header)) + ",r=" + serverNonce;
        var authMessage = Encoding.UTF8.GetBytes(_clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof);

        var hashLength = HashLength();
        var saltedPassword = Rfc2898DeriveBytes.Pbkdf2(_password, salt, (int)iterations, _hash, hashLength);
        var clientKey = Hmac(saltedPassword, "Client Key"u8);
        var storedKey = Hash(clientKey);
        var clientSignature = Hmac(storedKey, authMessage);
        var proof = new byte[hashLength];
        for (var i = 0; i < proof.Length; i++)
        {
            proof[i] = (byte)(clientKey[i] ^ clientSignature[i]);
        }

        _expectedServerSignature = Hmac(Hmac(saltedPassword, "Server Key"u8), authMessage);

        // The password and the keys derived from it are no longer needed.
        CryptographicOperations.ZeroMemory(saltedPassword);
        CryptographicOperations.ZeroMemory(clientKey);
        CryptographicOperations.ZeroMemory(_password);
        _password = [];

        _state = State.ClientFinalSent;
        return clientFinalWithoutProof + ",p=" + Convert.ToBase64String(proof);
    }

    private void VerifyServerFinal(string serverFinal)
    {
        var attributes = ParseAttributes(serverFinal, "server-final");
        if (attributes.ContainsKey('e'))
        {
            // Server errors are short tokens such as "invalid-proof"; echo a bounded excerpt.
            throw new SaslException(SaslFailureReason.ServerError, $"The server rejected {Name}: {Excerpt(attributes['e'])}.");
        }

        var signatureText = Required(attributes, 'v', "server-final");
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(signatureText);
        }
        catch (FormatException ex)
        {
            throw new SaslException(SaslFailureReason.MalformedChallenge, "The SCRAM server signature is not valid base64.", ex);
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, _expectedServerSignature))
        {
            throw new SaslException(
                SaslFailureReason.ServerSignatureMismatch,
                $"The {Name} server signature is wrong: the server could not prove it knows the password.");
        }

        _state = State.ServerVerified;
    }

    private static Dictionary<char, string> ParseAttributes(string message, string what)
    {
        var attributes = new Dictionary<char, string>();
        foreach (var part in message.Split(','))
        {
            if (part.Length < 2 || part[1] != '=' || !char.IsAsciiLetter(part[0]))
            {
                throw Malformed(what, "an attribute is not of the form 'x=value'");
            }

            if (!attributes.TryAdd(part[0], part[2..]))
            {
                throw Malformed(what, $"the attribute '{part[0]}' appears twice");
            }
        }

        if (attributes.ContainsKey('m'))
        {
            // RFC 5802 §5.1: an unknown mandatory extension must fail the authentication.
            throw Malformed(what, "it requires an unsupported mandatory extension ('m=')");
        }

        return attributes;
    }

    private static string Required(Dictionary<char, string> attributes, char name, string what)
    {
        if (attributes.ContainsKey('e'))
        {
            throw new SaslException(SaslFailureReason.ServerError, $"The server sent an error in its {what} message: {Excerpt(attributes['e'])}.");
        }

        if (!attributes.TryGetValue(name, out var value) || value.Length == 0)
        {
            throw Malformed(what, $"the attribute '{name}=' is missing or empty");
        }

        return value;
    }

    private static string Decode(byte[] data, string what)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(data);
        }
        catch (DecoderFallbackException ex)
        {
            throw new SaslException(SaslFailureReason.MalformedChallenge, $"The SCRAM {what} message is not valid UTF-8.", ex);
        }
    }

    private static SaslException Malformed(string what, string why) =>
        new(SaslFailureReason.MalformedChallenge, $"The SCRAM {what} message is malformed: {why}.");

    private static string Excerpt(string value)
    {
        var clean = new string(value.Take(MaxEchoLength).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return value.Length > MaxEchoLength ? clean + "…" : clean;
    }

    // RFC 5802 §7: the user name is sent with '=' and ',' escaped.
    private static string EscapeUserName(string userName) =>
        userName.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal);

    private static bool IsValidNonce(string nonce) => nonce.Length > 0 && nonce.All(c => c is >= '!' and <= '~' and not ',');

    private static string CreateNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(NonceBytes));

    private void Require(State expected, string operation)
    {
        if (_state != expected)
        {
            throw new InvalidOperationException($"{Name}: {operation} is not valid in state {_state}.");
        }
    }

    private int HashLength() => Algorithm switch
    {
        ScramAlgorithm.Sha1 => SHA1.HashSizeInBytes,
        ScramAlgorithm.Sha256 => SHA256.HashSizeInBytes,
        _ => SHA512.HashSizeInBytes,
    };

    private byte[] Hmac(byte[] key, ReadOnlySpan<byte> data) => Algorithm switch
    {
        ScramAlgorithm.Sha1 => HMACSHA1.HashData(key, data),
        ScramAlgorithm.Sha256 => HMACSHA256.HashData(key, data),
        _ => HMACSHA512.HashData(key, data),
    };

    private byte[] Hash(byte[] data) => Algorithm switch
    {
        ScramAlgorithm.Sha1 => SHA1.HashData(data),
        ScramAlgorithm.Sha256 => SHA256.HashData(data),
        _ => SHA512.HashData(data),
    };
}
