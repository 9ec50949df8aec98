using Dashboard.Bench;

// dotnet bench/Dashboard.Bench/bin/Release/net10.0/Dashboard.Bench.dll ping|peer|writer|presence|push [options]
// (scripts/bench.sh runs them all; each command's options are in its class comment).
var arguments = new BenchArguments(args.Skip(1).ToArray());
switch (args.FirstOrDefault())
{
    case "ping":
        await PingCommand.RunAsync(arguments);
        return 0;
    case "writer":
        await WriterCommand.RunAsync(arguments);
        return 0;
    case "presence":
        await PresenceCommand.RunAsync(arguments);
        return 0;
    case "peer":
        await PeerCommand.RunAsync(arguments);
        return 0;
    case "push":
        await PushCommand.RunAsync(arguments);
        return 0;
    default:
        Console.Error.WriteLine("usage: Dashboard.Bench ping|peer|writer|presence|push [--name value ...]");
        return 2;
}
