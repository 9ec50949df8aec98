using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Web.Data;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC Unix milliseconds: sortable and comparable in SQLite.</summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.ToUnixTimeMilliseconds(),
    stored => DateTimeOffset.FromUnixTimeMilliseconds(stored));
