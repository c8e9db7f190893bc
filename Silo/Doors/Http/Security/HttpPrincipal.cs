namespace AkLight.Silo.Doors.Http.Security;

/// <summary>The broker principal a request authenticated as, kept with the request.</summary>
internal static class HttpPrincipal
{
    private const string Key = "aklight.principal";

    public static void SetBrokerPrincipal(this HttpContext context, Principal principal) => context.Items[Key] = principal;

    /// <summary>The request's principal, or null when it did not authenticate.</summary>
    public static Principal? BrokerPrincipalOrNull(this HttpContext context) => context.Items[Key] as Principal;

    /// <summary>The request's principal; only on endpoints that require authorization, where authentication ran.</summary>
    public static Principal BrokerPrincipal(this HttpContext context) =>
        context.Items[Key] as Principal ?? throw new AuthenticationRequiredException("this request carries no credentials");
}
