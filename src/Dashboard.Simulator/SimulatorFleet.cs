using System.Globalization;
using System.Security.Cryptography;
using Dashboard.Xmpp;
using Dashboard.Xmpp.Bosh;
using Dashboard.Xmpp.Tcp;
using Microsoft.Extensions.Logging;

namespace Dashboard.Simulator;

/// <summary>A fleet of simulated SmartServers: accounts, start-up with bounded parallelism, shutdown.</summary>
public sealed class SimulatorFleet : IAsyncDisposable
{
    private readonly List<SimulatedSmartServer> _devices;

    private SimulatorFleet(List<SimulatedSmartServer> devices) => _devices = devices;

    public IReadOnlyList<SimulatedSmartServer> Devices => _devices;

    /// <summary>The fleet's accounts: MAC-ID user names (Echelon's 00d071 prefix) from the seed, fresh passwords.</summary>
    public static IReadOnlyList<(string User, string Password)> Accounts(int count, int seed) =>
        Enumerable.Range(0, count).Select(i => (
            "00d071" + ((seed * 7919 + i) & 0xffffff).ToString("x6", CultureInfo.InvariantCulture),
            Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant())).ToArray();

    /// <summary>Connects one simulated SmartServer per account (accounts must exist on the server).</summary>
    public static async Task<SimulatorFleet> StartAsync(FleetOptions options, IReadOnlyList<(string User, string Password)> accounts,
        ILoggerFactory loggers, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var dashboard = options.Dashboard is null ? null : Jid.Parse(options.Dashboard);
        var devices = accounts.Select((account, index) =>
        {
            var device = new SimulatedSmartServer(new Jid(account.User, options.Domain, null), account.Password,
                Transport(options), dashboard, options.Seed * 1000 + index, time, loggers)
            {
                TickInterval = options.TickInterval,
                PushTarget = options.PushEvery > 0 && (index + 1) % options.PushEvery == 0 ? dashboard : null,
            };
            ApplyFaults(device.Device.Faults, options.FaultyEvery, index);
            device.Device.SecondHighLimit = options.SecondHighLimit;
            return device;
        }).ToList();

        var fleet = new SimulatorFleet(devices);
        try
        {
            await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = options.ConnectParallelism, CancellationToken = cancellationToken },
                async (device, ct) =>
                {
                    await device.StartAsync(ct).ConfigureAwait(false);
                    if (dashboard is not null)
                    {
                        device.SubscribeTo(dashboard);
                    }
                }).ConfigureAwait(false);
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return fleet;
    }

    private static Func<IXmppTransport> Transport(FleetOptions options) => options.BoshUrl is { } url
        ? () => new BoshTransport(new BoshOptions { Url = url })
        : () => new TcpTransport(new TcpTransportOptions { Host = options.Host, Port = options.C2sPort });

    /// <summary>Every Nth device gets one misbehaviour, in turn: slow, SOAP faults, garbage, flapping.</summary>
    private static void ApplyFaults(DeviceFaults faults, int every, int index)
    {
        if (every <= 0 || (index + 1) % every != 0)
        {
            return;
        }

        switch ((index + 1) / every % 4)
        {
            case 0:
                faults.ReplyDelay = TimeSpan.FromSeconds(3);
                break;
            case 1:
                faults.SoapFaults = true;
                break;
            case 2:
                faults.MalformedReplies = true;
                break;
            default:
                faults.FlapEvery = TimeSpan.FromSeconds(20);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_devices.Select(d => d.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}
