namespace AkLight.Doors.ProcessTests.Security;

/// <summary>What the tests on <see cref="SecuredSilo"/> start from.</summary>
[Collection(SecuredSiloCollection.Name)]
public abstract class SecuredSiloTest(SecuredSilo secured)
{
    protected SecuredSilo Secured => secured;
}
