using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Dashboard.Web.Settings;

/// <summary>
/// Reads and writes <c>connection.json</c> in the data folder. The password is stored only inside a Data
/// Protection payload that also covers every other field, so a hand-edited URL or JID is refused rather
/// than sent the password. Writes go to a temporary file first: a failed save leaves the old file whole.
/// </summary>
public sealed class ConnectionSettingsStore(DashboardDataFolder folder, IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>The Data Protection purpose; a payload protected for another purpose does not open here.</summary>
    public const string Purpose = "Dashboard.Settings.Connection.v1";

    private const int MaxFileBytes = 64 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public string FilePath => folder.ConnectionSettingsFile;

    public bool Exists => File.Exists(FilePath);

    /// <summary>The saved settings, or null when nothing was saved. Throws <see cref="ConnectionSettingsFileException"/>.</summary>
    public ConnectionSettings? Load()
    {
        if (!Exists)
        {
            return null;
        }

        ConnectionSettingsDocument document;
        try
        {
            var info = new FileInfo(FilePath);
            if (info.Length > MaxFileBytes)
            {
                throw new ConnectionSettingsFileException($"{FilePath} is {info.Length} bytes, more than saved settings ever are; it is not used.");
            }

            document = JsonSerializer.Deserialize<ConnectionSettingsDocument>(File.ReadAllBytes(FilePath), Json)
                ?? throw new ConnectionSettingsFileException($"{FilePath} is empty (null); it is not used.");
        }
        catch (JsonException e)
        {
            throw new ConnectionSettingsFileException($"{FilePath} is not valid settings JSON ({e.Message}); it is not used.", e);
        }
        catch (IOException e)
        {
            throw new ConnectionSettingsFileException($"{FilePath} cannot be read ({e.Message}).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ConnectionSettingsFileException($"{FilePath} cannot be read ({e.Message}).", e);
        }

        if (document.Format != ConnectionSettingsDocument.CurrentFormat)
        {
            throw new ConnectionSettingsFileException(
                $"{FilePath} has format {document.Format}; this version of the dashboard reads format {ConnectionSettingsDocument.CurrentFormat}.");
        }

        var payload = Unprotect(document.Protected);
        if (payload.Settings is not { } original || !SameFields(original, document))
        {
            throw new ConnectionSettingsFileException(
                $"{FilePath} was changed outside the dashboard (its fields no longer match their protected copy); it is not used, " +
                "so the password is not sent anywhere it was not saved for. Save the settings again on the Settings page.");
        }

        return document.ToSettings(payload.Password);
    }

    /// <summary>Writes <paramref name="settings"/> (password included, protected) as the saved settings.</summary>
    public async Task SaveAsync(ConnectionSettings settings, string savedBy, CancellationToken cancellationToken)
    {
        var document = ConnectionSettingsDocument.From(settings);
        document.SavedAt = time.GetUtcNow();
        document.SavedBy = savedBy;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new ProtectedConnectionSettings { Settings = ConnectionSettingsDocument.From(settings), Password = settings.Password }, Json);
        document.Protected = Convert.ToBase64String(_protector.Protect(payload));
        CryptographicOperations.ZeroMemory(payload);

        var temporary = FilePath + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        {
            await JsonSerializer.SerializeAsync(stream, document, Json, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }

    private ProtectedConnectionSettings Unprotect(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new ConnectionSettingsFileException($"{FilePath} has no protected part; it was not written by the dashboard and is not used.");
        }

        try
        {
            var bytes = _protector.Unprotect(Convert.FromBase64String(text));
            try
            {
                return JsonSerializer.Deserialize<ProtectedConnectionSettings>(bytes, Json)
                    ?? throw new ConnectionSettingsFileException($"{FilePath} has an empty protected part; it is not used.");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(bytes);
            }
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            throw new ConnectionSettingsFileException(
                $"The protected part of {FilePath} cannot be decrypted: the file was altered, or it was saved with other keys than " +
                $"those in {folder.Keys}. Enter the password again on the Settings page and save.", e);
        }
    }

    private static bool SameFields(ConnectionSettingsDocument a, ConnectionSettingsDocument b) =>
        string.Equals(a.BoshUrl, b.BoshUrl, StringComparison.Ordinal) && string.Equals(a.Jid, b.Jid, StringComparison.Ordinal)
        && string.Equals(a.Resource, b.Resource, StringComparison.Ordinal) && a.WaitSeconds == b.WaitSeconds && a.Hold == b.Hold
        && a.PollIntervalSeconds.Equals(b.PollIntervalSeconds) && a.AllowPlainOverHttp == b.AllowPlainOverHttp
        && a.PasswordSet == b.PasswordSet;
}
