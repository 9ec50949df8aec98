namespace Dashboard.Simulator;

/// <summary>
/// The plant behind one simulated SmartServer: its points and their behaviour over time. Thread-safe:
/// SOAP requests and the drift timer serialise on one lock.
/// </summary>
public sealed class SimulatedDevice
{
    public const string Prefix = "Net/LON/iLON App/";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimulatedPoint> _points = new(StringComparer.Ordinal);
    private readonly Random _random;

    public SimulatedDevice(int seed, DateTimeOffset now)
    {
        _random = new Random(seed);
        var setpoint = 20 + _random.Next(0, 5);
        Add(new SimulatedPoint(Prefix + "VirtFb/temp_thermostat", PointKind.Temperature, Format(setpoint + _random.NextDouble() * 2 - 1), now));
        Add(new SimulatedPoint(Prefix + "VirtFb/setpoint", PointKind.Setpoint, Format(setpoint), now));
        Add(new SimulatedPoint(Prefix + "VirtFb/humidity", PointKind.Humidity, Format(40 + _random.Next(0, 10)), now));
        Add(new SimulatedPoint(Prefix + "VirtFb/occupancy", PointKind.Occupancy, _random.Next(2) == 0 ? "OCCUPIED" : "UNOCCUPIED", now));
        Add(new SimulatedPoint(Prefix + "Digital Output 1/nvoClaValue_1", PointKind.Switch, _random.Next(2) == 0 ? "100.0 1" : "0.0 0", now));
    }

    public DeviceFaults Faults { get; } = new();

    /// <summary>
    /// The temperature above which the thermostat reports its second high limit (<c>AL_HIGH_LMT_ALM_2</c>); null: it has
    /// only the first. Set before the device starts.
    /// </summary>
    public double? SecondHighLimit { get; set; }

    /// <summary>A copy of the points' current state, by name.</summary>
    public IReadOnlyList<PointSnapshot> Snapshot(IEnumerable<string>? names = null)
    {
        lock (_gate)
        {
            var selected = names is null ? _points.Values : names.Select(n => _points.GetValueOrDefault(n)).OfType<SimulatedPoint>();
            return selected.Select(PointSnapshot.Of).ToArray();
        }
    }

    public bool Contains(string name)
    {
        lock (_gate)
        {
            return _points.ContainsKey(name);
        }
    }

    /// <summary>Moves every point one step; returns the ones that changed.</summary>
    public IReadOnlyList<PointSnapshot> Tick(DateTimeOffset now)
    {
        lock (_gate)
        {
            var setpoint = double.Parse(_points[Prefix + "VirtFb/setpoint"].Value, System.Globalization.CultureInfo.InvariantCulture);
            return _points.Values.Where(p => p.Drift(_random, setpoint, now, SecondHighLimit)).Select(PointSnapshot.Of).ToArray();
        }
    }

    /// <summary>Writes a point; returns the per-item fault text, or null when accepted.</summary>
    public string? Write(string name, string? value, string? valueDefinition, int priority, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _points.TryGetValue(name, out var point)
                ? point.Write(value, valueDefinition, priority, now)
                : $"The data point '{name}' does not exist.";
        }
    }

    /// <summary>Sets a point as the plant would (whatever its priority); returns its new state. Throws for an unknown point.</summary>
    public PointSnapshot Change(string name, string value, DateTimeOffset now)
    {
        lock (_gate)
        {
            var point = _points.TryGetValue(name, out var found) ? found : throw new ArgumentException($"No point '{name}'.", nameof(name));
            point.Change(value, now);
            return PointSnapshot.Of(point);
        }
    }

    /// <summary>Gives a point the annotation it is listed with from now on. Throws for an unknown point.</summary>
    public void Annotate(string name, string annotation)
    {
        lock (_gate)
        {
            (_points.TryGetValue(name, out var point) ? point : throw new ArgumentException($"No point '{name}'.", nameof(name))).Annotate(annotation);
        }
    }

    /// <summary>Releases a point's priority; returns the per-item fault text, or null.</summary>
    public string? ResetPriority(string name, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_points.TryGetValue(name, out var point))
            {
                return $"The data point '{name}' does not exist.";
            }

            point.ResetPriority(now);
            return null;
        }
    }

    private void Add(SimulatedPoint point) => _points[point.Name] = point;

    private static string Format(double value) => value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An immutable copy of a point, safe to serialise outside the device's lock.</summary>
public sealed record PointSnapshot(string Name, string LonFormat, string? Unit, string Annotation, string Value,
    string? ValueDefinition, string Status, int Priority, DateTimeOffset LastUpdate)
{
    public static PointSnapshot Of(SimulatedPoint p) =>
        new(p.Name, p.LonFormat, p.Unit, p.Annotation, p.Value, p.ValueDefinition, p.Status, p.Priority, p.LastUpdate);
}
