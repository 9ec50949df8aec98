namespace Dashboard.Simulator;

/// <summary>The kinds of data point a simulated SmartServer carries, each with its SNVT and behaviour.</summary>
public enum PointKind
{
    /// <summary>SNVT_temp, °C: drifts toward the setpoint with noise; a high-limit alarm above 26 °C.</summary>
    Temperature,

    /// <summary>SNVT_temp_p, °C: changes only when written.</summary>
    Setpoint,

    /// <summary>SNVT_switch, "value state" (e.g. <c>100.0 1</c>), value definition ON/OFF: a light.</summary>
    Switch,

    /// <summary>SNVT_occupancy: OCCUPIED / UNOCCUPIED, flips now and then.</summary>
    Occupancy,

    /// <summary>SNVT_lev_percent, %: relative humidity drifting between 30 and 60.</summary>
    Humidity,
}
