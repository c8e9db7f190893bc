namespace AkLight.Examples.Sightings.Messages;

/// <summary>
/// A user logging in: the payload on <c>users/sessions</c>, keyed by the user. A logoff is the same key with
/// a null payload (a tombstone), so the user's latest message says whether they are online.
/// </summary>
/// <param name="Number">The login's number in the generator's run (1, 2, …), so consumers can show each was handled once.</param>
internal sealed record class Login(string User, string Region, int Number);
