using System.Security.Cryptography;
using System.Text;
using Dashboard.Xmpp.Sasl;

namespace Dashboard.Xmpp.Tests.Sasl;

public sealed class ScramMechanismTests
{
    // RFC 5802 §5, SCRAM-SHA-1 example.
    private const string Rfc5802ClientNonce = "fyko+d2lbbFgONRv9qkxdawL";
    private const string Rfc5802ServerFirst = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";

    // RFC 7677 §3, SCRAM-SHA-256 example.
    private const string Rfc7677ClientNonce = "rOprNGfwEbeRWgbNEkqO";
    private const string Rfc7677ServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[]? bytes) => Encoding.UTF8.GetString(bytes!);

    private static ScramMechanism Rfc5802Client() => new(ScramAlgorithm.Sha1, "user", "pencil", Rfc5802ClientNonce);

    private static ScramMechanism AfterClientFirst(ScramMechanism mechanism)
    {
        mechanism.InitialResponse();
        return mechanism;
    }

    [Fact]
    public void Rfc5802Example_ClientMessages_MatchTheRfc()
    {
        var scram = Rfc5802Client();

        Assert.Equal("SCRAM-SHA-1", scram.Name);
        Assert.Equal("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", Text(scram.InitialResponse()));
        Assert.Equal(
            "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
            Text(scram.EvaluateChallenge(Utf8(Rfc5802ServerFirst))));
    }

    [Fact]
    public void Rfc5802Example_ServerSignature_IsAccepted()
    {
        var scram = AfterClientFirst(Rfc5802Client());
        scram.EvaluateChallenge(Utf8(Rfc5802ServerFirst));

        scram.VerifySuccess(Utf8("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="));
    }

    [Fact]
    public void Rfc7677Example_ClientMessages_MatchTheRfc()
    {
        var scram = new ScramMechanism(ScramAlgorithm.Sha256, "user", "pencil", Rfc7677ClientNonce);

        Assert.Equal("SCRAM-SHA-256", scram.Name);
        Assert.Equal("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", Text(scram.InitialResponse()));
        Assert.Equal(
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
            Text(scram.EvaluateChallenge(Utf8(Rfc7677ServerFirst))));
        scram.VerifySuccess(Utf8("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="));
    }

    [Theory]
    [InlineData(ScramAlgorithm.Sha512, "SCRAM-SHA-512")]
    [InlineData(ScramAlgorithm.Sha256, "SCRAM-SHA-256")]
    [InlineData(ScramAlgorithm.Sha1, "SCRAM-SHA-1")]
    public void RoundTrip_AgainstServerComputation_Succeeds(ScramAlgorithm algorithm, string name)
    {
        var hash = name switch
        {
            "SCRAM-SHA-512" => HashAlgorithmName.SHA512,
            "SCRAM-SHA-256" => HashAlgorithmName.SHA256,
            _ => HashAlgorithmName.SHA1,
        };
        var server = new ScramTestServer(hash, "correct horse", RandomNumberGenerator.GetBytes(16), 4096, "server-part");
        var scram = new ScramMechanism(algorithm, "operator", "correct horse");

        var serverFirst = server.ServerFirst(scram.InitialResponse()!);
        var serverFinal = server.ServerFinal(scram.EvaluateChallenge(Utf8(serverFirst)));

        Assert.Equal(name, scram.Name);
        Assert.Equal("operator", server.UserName);
        Assert.StartsWith("v=", serverFinal, StringComparison.Ordinal);
        scram.VerifySuccess(Utf8(serverFinal));
    }

    [Fact]
    public void RoundTrip_WrongPassword_ServerRejectsProofAndClientReportsServerError()
    {
        var server = new ScramTestServer(HashAlgorithmName.SHA512, "right", [1, 2, 3, 4], 4096, "x");
        var scram = new ScramMechanism(ScramAlgorithm.Sha512, "operator", "wrong");

        var serverFinal = server.ServerFinal(scram.EvaluateChallenge(Utf8(server.ServerFirst(scram.InitialResponse()!))));
        var ex = Assert.Throws<SaslException>(() => scram.VerifySuccess(Utf8(serverFinal)));

        Assert.Equal(SaslFailureReason.ServerError, ex.Reason);
        Assert.Contains("invalid-proof", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTrip_NonAsciiPassword_IsSaslPrepped()
    {
        // Decomposed "ä" (NFKC composes it), a soft hyphen (mapped to nothing), a no-break space (mapped
        // to space) and U+2168 ROMAN NUMERAL NINE (NFKC "IX"): the server stores the prepared form.
        var server = new ScramTestServer(HashAlgorithmName.SHA256, "p\u00E4ss wortIX", [9, 8, 7, 6], 4096, "s");
        var scram = new ScramMechanism(ScramAlgorithm.Sha256, "operator", "pa\u0308s\u00ADs\u00A0wort\u2168");

        var serverFinal = server.ServerFinal(scram.EvaluateChallenge(Utf8(server.ServerFirst(scram.InitialResponse()!))));

        scram.VerifySuccess(Utf8(serverFinal));
    }

    [Fact]
    public void RoundTrip_NonAsciiPasswordComposed_MatchesServerPreparedForm()
    {
        var server = new ScramTestServer(HashAlgorithmName.SHA256, "p\u00E4sswort", [9, 8, 7, 6], 4096, "s");
        var scram = new ScramMechanism(ScramAlgorithm.Sha256, "operator", "pa\u0308sswort");

        var serverFinal = server.ServerFinal(scram.EvaluateChallenge(Utf8(server.ServerFirst(scram.InitialResponse()!))));

        Assert.StartsWith("v=", serverFinal, StringComparison.Ordinal);
        scram.VerifySuccess(Utf8(serverFinal));
    }

    [Theory]
    [InlineData("a,b", "n=a=2Cb,")]
    [InlineData("a=b", "n=a=3Db,")]
    [InlineData("=,", "n==3D=2C,")]
    public void InitialResponse_UserNameWithCommaOrEquals_IsEscaped(string userName, string expected)
    {
        var scram = new ScramMechanism(ScramAlgorithm.Sha256, userName, "pencil", "nonce");

        Assert.Contains(expected, Text(scram.InitialResponse()), StringComparison.Ordinal);
    }

    [Fact]
    public void RoundTrip_UserNameWithCommaAndEquals_ServerSeesEscapedName()
    {
        var server = new ScramTestServer(HashAlgorithmName.SHA1, "pencil", [1, 2, 3], 4096, "z");
        var scram = new ScramMechanism(ScramAlgorithm.Sha1, "a,b=c", "pencil");

        scram.VerifySuccess(Utf8(server.ServerFinal(scram.EvaluateChallenge(Utf8(server.ServerFirst(scram.InitialResponse()!))))));

        Assert.Equal("a=2Cb=3Dc", server.UserName);
    }

    [Fact]
    public void InitialResponse_RandomNonce_IsAtLeast24BytesAndDiffersEachTime()
    {
        var first = new ScramMechanism(ScramAlgorithm.Sha256, "user", "pencil");
        var second = new ScramMechanism(ScramAlgorithm.Sha256, "user", "pencil");

        var nonceA = Text(first.InitialResponse()).Split(",r=")[1];
        var nonceB = Text(second.InitialResponse()).Split(",r=")[1];

        Assert.True(Convert.FromBase64String(nonceA).Length >= 24);
        Assert.NotEqual(nonceA, nonceB);
    }

    [Theory]
    [InlineData("r=someoneelse3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawL,s=QSXCR+Q6sek8bf92,i=4096")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdaw,s=QSXCR+Q6sek8bf92,i=4096")]
    public void EvaluateChallenge_ServerNonceNotExtendingClientNonce_ThrowsNonceMismatch(string serverFirst)
    {
        var scram = AfterClientFirst(Rfc5802Client());

        var ex = Assert.Throws<SaslException>(() => scram.EvaluateChallenge(Utf8(serverFirst)));

        Assert.Equal(SaslFailureReason.NonceMismatch, ex.Reason);
    }

    [Theory]
    [InlineData("4095")]
    [InlineData("1")]
    [InlineData("0")]
    public void EvaluateChallenge_IterationCountBelow4096_ThrowsIterationCountTooLow(string iterations)
    {
        var scram = AfterClientFirst(Rfc5802Client());

        var ex = Assert.Throws<SaslException>(
            () => scram.EvaluateChallenge(Utf8("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=" + iterations)));

        Assert.Equal(SaslFailureReason.IterationCountTooLow, ex.Reason);
    }

    [Fact]
    public void EvaluateChallenge_HugeIterationCount_ThrowsIterationCountTooHigh()
    {
        var scram = AfterClientFirst(Rfc5802Client());

        var ex = Assert.Throws<SaslException>(
            () => scram.EvaluateChallenge(Utf8("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=2000000000")));

        Assert.Equal(SaslFailureReason.IterationCountTooHigh, ex.Reason);
    }

    [Theory]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawL3rfc,i=4096")]
    [InlineData("s=QSXCR+Q6sek8bf92,i=4096")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=,i=4096")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=-4096")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=4096x")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=99999999999")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=4096,i=4096")]
    [InlineData("m=ext,r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=4096")]
    [InlineData("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,,i=4096")]
    [InlineData("garbage")]
    [InlineData("")]
    public void EvaluateChallenge_MalformedServerFirst_ThrowsMalformedChallenge(string serverFirst)
    {
        var scram = AfterClientFirst(Rfc5802Client());

        var ex = Assert.Throws<SaslException>(() => scram.EvaluateChallenge(Utf8(serverFirst)));

        Assert.Equal(SaslFailureReason.MalformedChallenge, ex.Reason);
    }

    [Fact]
    public void EvaluateChallenge_SaltNotBase64_ThrowsMalformedChallenge()
    {
        var scram = AfterClientFirst(Rfc5802Client());

        var ex = Assert.Throws<SaslException>(
            () => scram.EvaluateChallenge(Utf8("r=fyko+d2lbbFgONRv9qkxdawL3rfc,s=not*base64!,i=4096")));

        Assert.Equal(SaslFailureReason.MalformedChallenge, ex.Reason);
        Assert.Contains("salt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateChallenge_InvalidUtf8_ThrowsMalformedChallenge()
    {
        var scram = AfterClientFirst(Rfc5802Client());

        var ex = Assert.Throws<SaslException>(() => scram.EvaluateChallenge([0x72, 0x3D, 0xC3, 0x28]));

        Assert.Equal(SaslFailureReason.MalformedChallenge, ex.Reason);
    }

    [Fact]
    public void EvaluateChallenge_ErrorInServerFirst_ThrowsServerError()
    {
        var scram = AfterClientFirst(Rfc5802Client());

        var ex = Assert.Throws<SaslException>(() => scram.EvaluateChallenge(Utf8("e=unknown-user")));

        Assert.Equal(SaslFailureReason.ServerError, ex.Reason);
        Assert.Contains("unknown-user", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifySuccess_ErrorAttribute_ThrowsServerError()
    {
        var scram = AfterClientFirst(Rfc5802Client());
        scram.EvaluateChallenge(Utf8(Rfc5802ServerFirst));

        var ex = Assert.Throws<SaslException>(() => scram.VerifySuccess(Utf8("e=other-error")));

        Assert.Equal(SaslFailureReason.ServerError, ex.Reason);
    }

    [Fact]
    public void VerifySuccess_WrongServerSignature_ThrowsServerSignatureMismatch()
    {
        var scram = AfterClientFirst(Rfc5802Client());
        scram.EvaluateChallenge(Utf8(Rfc5802ServerFirst));

        var ex = Assert.Throws<SaslException>(() => scram.VerifySuccess(Utf8("v=smF9pqV8S7suAoZWja4dJRkFsKQ=")));

        Assert.Equal(SaslFailureReason.ServerSignatureMismatch, ex.Reason);
    }

    [Fact]
    public void VerifySuccess_SignatureOfOtherLength_ThrowsServerSignatureMismatch()
    {
        var scram = AfterClientFirst(Rfc5802Client());
        scram.EvaluateChallenge(Utf8(Rfc5802ServerFirst));

        var ex = Assert.Throws<SaslException>(() => scram.VerifySuccess(Utf8("v=AAAA")));

        Assert.Equal(SaslFailureReason.ServerSignatureMismatch, ex.Reason);
    }

    [Fact]
    public void VerifySuccess_NoAdditionalData_ThrowsServerSignatureMissing()
    {
        var scram = AfterClientFirst(Rfc5802Client());
        scram.EvaluateChallenge(Utf8(Rfc5802ServerFirst));

        var ex = Assert.Throws<SaslException>(() => scram.VerifySuccess([]));

        Assert.Equal(SaslFailureReason.ServerSignatureMissing, ex.Reason);
    }

    [Fact]
    public void VerifySuccess_BeforeClientProof_ThrowsServerSignatureMissing()
    {
        var scram = AfterClientFirst(Rfc5802Client());

        var ex = Assert.Throws<SaslException>(() => scram.VerifySuccess([]));

        Assert.Equal(SaslFailureReason.ServerSignatureMissing, ex.Reason);
    }

    [Theory]
    [InlineData("x=1")]
    [InlineData("v=not*base64")]
    [InlineData("v=")]
    public void VerifySuccess_MalformedServerFinal_ThrowsMalformedChallenge(string serverFinal)
    {
        var scram = AfterClientFirst(Rfc5802Client());
        scram.EvaluateChallenge(Utf8(Rfc5802ServerFirst));

        var ex = Assert.Throws<SaslException>(() => scram.VerifySuccess(Utf8(serverFinal)));

        Assert.Equal(SaslFailureReason.MalformedChallenge, ex.Reason);
    }

    [Fact]
    public void EvaluateChallenge_ServerFinalAsChallenge_IsVerifiedAndAnsweredEmpty()
    {
        var scram = AfterClientFirst(Rfc5802Client());
        scram.EvaluateChallenge(Utf8(Rfc5802ServerFirst));

        var answer = scram.EvaluateChallenge(Utf8("v=rmF9pqV8S7suAoZWja4dJRkFsKQ="));
        scram.VerifySuccess([]);

        Assert.Empty(answer);
    }

    [Fact]
    public void EvaluateChallenge_WrongServerFinalAsChallenge_ThrowsServerSignatureMismatch()
    {
        var scram = AfterClientFirst(Rfc5802Client());
        scram.EvaluateChallenge(Utf8(Rfc5802ServerFirst));

        var ex = Assert.Throws<SaslException>(() => scram.EvaluateChallenge(Utf8("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=")));

        Assert.Equal(SaslFailureReason.ServerSignatureMismatch, ex.Reason);
    }

    [Fact]
    public void EvaluateChallenge_BeforeInitialResponse_ThrowsInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => Rfc5802Client().EvaluateChallenge(Utf8(Rfc5802ServerFirst)));
    }

    [Fact]
    public void InitialResponse_CalledTwice_ThrowsInvalidOperation()
    {
        var scram = AfterClientFirst(Rfc5802Client());

        Assert.Throws<InvalidOperationException>(() => scram.InitialResponse());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a,b")]
    [InlineData("caf\u00E9")]
    [InlineData("a b")]
    public void Constructor_InvalidNonce_ThrowsArgumentException(string nonce)
    {
        Assert.Throws<ArgumentException>(() => new ScramMechanism(ScramAlgorithm.Sha1, "user", "pencil", nonce));
    }

    [Fact]
    public void Constructor_ProhibitedPasswordCharacter_ThrowsInvalidCredentialsWithoutPassword()
    {
        var ex = Assert.Throws<SaslException>(() => new ScramMechanism(ScramAlgorithm.Sha256, "user", "secret\u0007value"));

        Assert.Equal(SaslFailureReason.InvalidCredentials, ex.Reason);
        Assert.Contains("password", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_AfterExchange_DoesNotRevealPassword()
    {
        var scram = AfterClientFirst(new ScramMechanism(ScramAlgorithm.Sha1, "user", "pencil", Rfc5802ClientNonce));
        scram.EvaluateChallenge(Utf8(Rfc5802ServerFirst));

        Assert.DoesNotContain("pencil", scram.ToString(), StringComparison.Ordinal);
    }
}
