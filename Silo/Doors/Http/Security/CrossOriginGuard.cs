using AkLight.Silo.Doors.Http.Errors;

namespace AkLight.Silo.Doors.Http.Security;

/// <summary>
/// Refuses state-changing requests that a browser sends on behalf of another site: a page elsewhere can post
/// a plain-text form to the API (no CORS preflight for that), so POST, PUT, PATCH and DELETE must come from this
/// origin, from one configured in <c>AkLight:Http:CorsOrigins</c>, or from a tool that sends no Origin at all.
/// </summary>
internal sealed class CrossOriginGuard(RequestDelegate next, HttpOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method) || IsSameOrAllowed(context))
        {
            await next(context);
            return;
        }
        await ApiProblems.WriteAsync(context, ApiProblems.Problem(StatusCodes.Status403Forbidden, "cross-origin",
            $"a {context.Request.Method} from another site ({context.Request.Headers.Origin}) is refused; add its origin to AkLight:Http:CorsOrigins to allow it"));
    }

    private bool IsSameOrAllowed(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return context.Request.Headers["Sec-Fetch-Site"].ToString() is not "cross-site"; // a browser that sends no Origin still says where it comes from
        if (options.CorsOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase)) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Scheme, context.Request.Scheme, StringComparison.OrdinalIgnoreCase);
    }
}
