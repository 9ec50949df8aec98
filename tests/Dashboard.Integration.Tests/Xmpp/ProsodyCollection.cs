using Dashboard.Testing;

namespace Dashboard.Integration.Tests.Xmpp;

/// <summary>One Prosody shared by the client tests: each test makes its own accounts.</summary>
[CollectionDefinition(Name)]
public sealed class ProsodyCollection : ICollectionFixture<ProsodyFixture>
{
    public const string Name = "Prosody";
}
