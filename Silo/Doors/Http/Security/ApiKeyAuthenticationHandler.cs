using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using AkLight.Silo.Doors.Http.Errors;
using Microsoft.AspNetCore.Authentication;

namespace AkLight.Silo.Doors.Http.Security;

/// <summary>
/// HTTP's door to <see cref="AccessPolicy"/>: an API key as <c>Authorization: Bearer name:secret</c>, or as Basic
/// credentials (name and secret), which is what a browser asks for on the dashboard. Without principals
/// configured every request is the anonymous principal.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessPolicy policy)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AKLight";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenOf(Request.Headers.Authorization.ToString());
        if (policy.RequiresAuthentication && token is null) return AuthenticateResult.NoResult();
        try
        {
            var principal = await policy.AuthenticateAsync(token, Context.Connection.RemoteIpAddress);
            Context.SetBrokerPrincipal(principal);
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, principal.Name)], SchemeName);
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
        }
        catch (AuthenticationRequiredException refused)
        {
            return AuthenticateResult.Fail(refused.Message);
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        // One challenge a header: Bearer for tools, Basic so a browser asks for the key on the dashboard.
        Response.Headers.WWWAuthenticate = new Microsoft.Extensions.Primitives.StringValues(["Bearer realm=\"AKLight\"", "Basic realm=\"AKLight\""]);
        await ApiProblems.WriteAsync(Context, ApiProblems.Problem(StatusCodes.Status401Unauthorized, "unauthenticated",
            failure ?? "this broker requires an API key: send 'Authorization: Bearer name:secret'"));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, ApiProblems.Problem(StatusCodes.Status403Forbidden, "forbidden",
            $"principal '{Context.BrokerPrincipal().Name}' may not use this: it needs admin on '#'"));

    /// <summary>The key of a Bearer or Basic header, or null.</summary>
    private static string? TokenOf(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header[7..].Trim() is { Length: > 0 } bearer ? bearer : null;
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
