using System.Xml.Linq;
using Dashboard.Xmpp.Soap;

namespace Dashboard.Xmpp.Tests.Soap;

public sealed class SoapRequestHandlerTests
{
    private static readonly XNamespace Message = "http://wsdl.echelon.com/web_services_ns/ilon100/v4.0/message/";

    private static XElement Request(XElement payload) => new(XmppNamespaces.Client + "iq",
        new XAttribute("type", "set"), new XAttribute("id", "r1"), new XAttribute("from", "dashboard@xmpp.test/hub"), payload);

    [Fact]
    public async Task Handle_Answer_IsAResultInTheRequestsVersion()
    {
        var handler = new SoapRequestHandler((ctx, _) => Task.FromResult(new SoapEnvelope(ctx.Envelope.Version, [], new XElement(Message + "ReadResponse"))));
        var soap11 = new SoapEnvelope(SoapVersion.Soap11, [], new XElement(Message + "Read")).ToXml();

        var reply = await handler.HandleAsync(Request(soap11), TestContext.Current.CancellationToken);

        Assert.Equal("result", (string?)reply.Attribute("type"));
        Assert.Equal(SoapNamespaces.Soap11 + "Envelope", reply.Elements().Single().Name);
    }

    [Fact]
    public async Task Handle_ThrownSoapFault_IsSentAsTheXep0072Fault()
    {
        var handler = new SoapRequestHandler((_, _) => throw new SoapFault(SoapFaultCode.Sender, "bad item"));

        var reply = await handler.HandleAsync(Request(new SoapEnvelope(new XElement(Message + "Read")).ToXml()), TestContext.Current.CancellationToken);

        Assert.Equal(SoapFaultCode.Sender, SoapIq.FaultOf(reply)!.Code);
        Assert.Equal("bad item", SoapIq.FaultOf(reply)!.Reason);
    }

    [Fact]
    public async Task Handle_MalformedEnvelope_IsASenderFault()
    {
        var handler = new SoapRequestHandler((_, _) => throw new InvalidOperationException("never called"));
        var empty = new XElement(SoapNamespaces.Soap12 + "Envelope", new XElement(SoapNamespaces.Soap12 + "Body"));

        var reply = await handler.HandleAsync(Request(empty), TestContext.Current.CancellationToken);

        Assert.Equal(SoapFaultCode.Sender, SoapIq.FaultOf(reply)!.Code);
    }

    [Fact]
    public async Task Handle_UnexpectedException_IsAReceiverFaultThatRevealsNothing()
    {
        var handler = new SoapRequestHandler((_, _) => throw new InvalidOperationException("connection string Password=hunter2"));

        var reply = await handler.HandleAsync(Request(new SoapEnvelope(new XElement(Message + "Read")).ToXml()), TestContext.Current.CancellationToken);

        Assert.Equal(SoapFaultCode.Receiver, SoapIq.FaultOf(reply)!.Code);
        Assert.DoesNotContain("hunter2", reply.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CanHandle_OnlyIqSetWithAnEnvelope()
    {
        var handler = new SoapRequestHandler((_, _) => throw new InvalidOperationException());

        Assert.True(handler.CanHandle(Request(new SoapEnvelope(new XElement(Message + "Read")).ToXml())));
        Assert.False(handler.CanHandle(Request(new XElement(XmppNamespaces.Ping + "ping"))));
    }
}
