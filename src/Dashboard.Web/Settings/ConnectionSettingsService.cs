using System.Security.Claims;
using Dashboard.Web.Data;
using Dashboard.Web.Data.Entities;
using Dashboard.Web.Security;

namespace Dashboard.Web.Settings;

/// <summary>
/// Saves connection settings for an Admin: checked by the guard, validated, written (password protected),
/// put in use (the hub reconnects) and audited with the names of the fields changed — never their values.
/// </summary>
public sealed partial class ConnectionSettingsService(
    ConnectionSettingsProvider provider,
    ConnectionSettingsStore store,
    ActionGuard guard,
    StoreWriter audit,
    TimeProvider time,
    ILogger<ConnectionSettingsService> logger)
{
    public const string SaveAction = "settings.connection.save";
    public const string AuditTarget = "xmpp connection";
    private readonly SemaphoreSlim _saving = new(1, 1);

    /// <summary>
    /// Saves <paramref name="change"/>; returns the names of the fields that changed (none: nothing was written).
    /// Throws <see cref="ActionDeniedException"/>, <see cref="ConnectionSettingsInvalidException"/>, or
    /// <see cref="ConnectionSettingsFileException"/> when the file cannot be written (the old one stays).
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveAsync(ConnectionSettingsChange change, ClaimsPrincipal requester, CancellationToken cancellationToken)
    {
        var user = await guard.DemandAsync(requester, DashboardPolicies.Administer, SaveAction, AuditTarget).ConfigureAwait(false);
        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = provider.Editable;
            var after = change.ApplyTo(before);
            var errors = ConnectionSettingsValidator.Validate(after);
            if (errors.Count > 0)
            {
                throw new ConnectionSettingsInvalidException(errors);
            }

            // An unusable file is replaced even when the fields match the initial values.
            var changed = after.ChangedFields(provider.Current);
            if (changed.Count == 0 && provider.LoadError is null)
            {
                return changed;
            }

            try
            {
                await store.SaveAsync(after, user, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.SaveFailed(logger, store.FilePath, e);
                throw new ConnectionSettingsFileException($"The settings could not be written to {store.FilePath} ({e.Message}); nothing was changed.", e);
            }

            provider.Apply(after);
            var names = string.Join(", ", changed);
            audit.Enqueue(new AuditEntry { At = time.GetUtcNow(), User = user, Action = SaveAction, Target = AuditTarget, Details = $"changed: {names}", Allowed = true });
            Log.Saved(logger, user, names);
            return changed;
        }
        finally
        {
            _saving.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{User} saved the connection settings; changed: {Fields}")]
        public static partial void Saved(ILogger logger, string user, string fields);

        [LoggerMessage(2, LogLevel.Error, "Writing the connection settings to {Path} failed")]
        public static partial void SaveFailed(ILogger logger, string path, Exception error);
    }
}
