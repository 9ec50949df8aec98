using System.Globalization;
using Dashboard.Simulator;
using Microsoft.Extensions.Logging;

// dotnet run --project src/Dashboard.Simulator -- --server .run/xmpp [--count 20] [--seed 1]
//     [--dashboard dashboard@xmpp.test] [--bosh] [--faulty-every 5] [--tick 2] [--push | --push-every N] [--alarm-critical]
// --push: every device also sends its point updates to the dashboard as WebBinder Writes (needs --dashboard);
// --push-every N: every Nth device does.
// --alarm-critical: thermostats above 30 °C report their second high limit (AL_HIGH_LMT_ALM_2), a Critical alarm.
// --server names a folder made by scripts/xmpp-server.sh: the fleet's accounts are created there.
var arguments = CommandLine.Parse(args);
if (arguments is null)
{
    Console.Error.WriteLine("usage: Dashboard.Simulator --server DIR [--count N] [--seed N] [--dashboard JID] [--bosh] [--faulty-every N] [--tick SECONDS] [--push | --push-every N] [--alarm-critical]   (--push needs --dashboard)");
    return 2;
}

using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
ServerInfo server;
try
{
    server = ServerInfo.Read(arguments.ServerDirectory);
}
catch (ServerInfoException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var accounts = SimulatorFleet.Accounts(arguments.Count, arguments.Seed);
await ServerInfo.RegisterAsync(arguments.ServerDirectory, accounts);

var options = new FleetOptions
{
    Count = arguments.Count,
    Seed = arguments.Seed,
    Domain = server.Domain,
    C2sPort = server.C2sPort,
    BoshUrl = arguments.UseBosh ? server.BoshUrl : null,
    Dashboard = arguments.Dashboard,
    FaultyEvery = arguments.FaultyEvery,
    TickInterval = arguments.Tick,
    PushEvery = arguments.PushEvery,
    SecondHighLimit = arguments.SecondHighLimit,
};
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

await using var fleet = await SimulatorFleet.StartAsync(options, accounts, loggers, cancellationToken: stop.Token);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{fleet.Devices.Count} simulated SmartServers online on {server.Domain} ({(arguments.UseBosh ? "BOSH" : "TCP")}), e.g. {fleet.Devices[0].Jid}; {fleet.Devices.Count(d => d.PushTarget is not null)} push to the dashboard. Ctrl+C stops them."));
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
