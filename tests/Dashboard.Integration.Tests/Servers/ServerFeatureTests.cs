using Dashboard.Testing;

namespace Dashboard.Integration.Tests.Servers;

/// <summary>What the real servers offer over plain-HTTP BOSH, seen with a hand-made BOSH session.</summary>
public sealed class ProsodyBoshFeatureTests(ProsodyFixture prosody) : IClassFixture<ProsodyFixture>, IDisposable
{
    [Fact]
    public async Task CreateSession_ConsiderBoshSecure_OffersScramAndPlain()
    {
        using var session = new RawBoshSession(prosody.BoshUri, prosody.Domain);

        var mechanisms = await session.MechanismsAsync(TestContext.Current.CancellationToken);

        Assert.Contains("SCRAM-SHA-256", mechanisms);
        Assert.Contains("SCRAM-SHA-1", mechanisms);
        Assert.Contains("PLAIN", mechanisms);
    }

    public void Dispose() => prosody.AttachLogIfFailed();
}

public sealed class ProsodyInsecureBoshFeatureTests(ProsodyInsecureBoshFixture prosody) : IClassFixture<ProsodyInsecureBoshFixture>, IDisposable
{
    [Fact]
    public async Task CreateSession_BoshNotConsideredSecure_OffersScramButNotPlain()
    {
        using var session = new RawBoshSession(prosody.BoshUri, prosody.Domain);

        var mechanisms = await session.MechanismsAsync(TestContext.Current.CancellationToken);

        Assert.Contains("SCRAM-SHA-256", mechanisms);
        Assert.Contains("SCRAM-SHA-1", mechanisms);
        Assert.DoesNotContain("PLAIN", mechanisms);
    }

    public void Dispose() => prosody.AttachLogIfFailed();
}

public sealed class EjabberdBoshFeatureTests(EjabberdFixture ejabberd) : IClassFixture<EjabberdFixture>, IDisposable
{
    [Fact]
    public async Task CreateSession_PlainPasswordFormat_OffersScramSha512To1AndPlain()
    {
        using var session = new RawBoshSession(ejabberd.BoshUri, ejabberd.Domain);

        var mechanisms = await session.MechanismsAsync(TestContext.Current.CancellationToken);

        Assert.Contains("SCRAM-SHA-512", mechanisms);
        Assert.Contains("SCRAM-SHA-256", mechanisms);
        Assert.Contains("SCRAM-SHA-1", mechanisms);
        Assert.Contains("PLAIN", mechanisms);
    }

    public void Dispose() => ejabberd.AttachLogIfFailed();
}
