using CtiCore.Data;
using CtiCore.Domain.Crm;
using CtiCore.Domain.Phones;
using CtiCore.Server.Api.Common;
using CtiCore.Server.Auth;
using Microsoft.EntityFrameworkCore;

namespace CtiCore.Server.Api.Departments;

/// <summary>Departments and their routing settings: everyone reads, Admin edits.</summary>
internal static class DepartmentsApi
{
    public static IEndpointRouteBuilder MapDepartmentsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/departments").WithTags("Departments");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/", CreateAsync).RequireAuthorization(AuthPolicies.Admin);
        group.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(AuthPolicies.Admin);
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(AuthPolicies.Admin);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(CrmDbContext db, CancellationToken cancellationToken)
    {
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(departments.Select(DepartmentResponse.From).ToList());
    }

    private static async Task<IResult> GetAsync(long id, CrmDbContext db, CancellationToken cancellationToken)
    {
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
        return department is null ? ApiProblems.NotFound($"Department {id}") : TypedResults.Ok(DepartmentResponse.From(department));
    }

    private static async Task<IResult> CreateAsync(DepartmentRequest request, CrmDbContext db, PhoneNormalizer normalizer, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var numbers = await ValidateAsync(request, null, db, normalizer, errors, cancellationToken).ConfigureAwait(false);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var department = new Department { Name = request.Name!.Trim(), Numbers = numbers, Routing = request.Routing ?? new DepartmentRoutingSettings() };
        db.Departments.Add(department);
        return await SaveAsync(db, cancellationToken).ConfigureAwait(false)
            ?? TypedResults.Created($"/api/departments/{department.Id}", DepartmentResponse.From(department));
    }

    private static async Task<IResult> UpdateAsync(long id, DepartmentRequest request, CrmDbContext db, PhoneNormalizer normalizer, CancellationToken cancellationToken)
    {
        var department = await db.Departments.FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false);
        if (department is null)
        {
            return ApiProblems.NotFound($"Department {id}");
        }

        var errors = new ValidationErrors();
        var numbers = await ValidateAsync(request, id, db, normalizer, errors, cancellationToken).ConfigureAwait(false);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        department.Name = request.Name!.Trim();
        department.Numbers = numbers;
        department.Routing = request.Routing ?? department.Routing;
        return await SaveAsync(db, cancellationToken).ConfigureAwait(false) ?? TypedResults.Ok(DepartmentResponse.From(department));
    }

    private static async Task<IResult> DeleteAsync(long id, CrmDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await db.Departments.Where(d => d.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0 ? ApiProblems.NotFound($"Department {id}") : TypedResults.NoContent();
    }

    private static async Task<List<string>> ValidateAsync(
        DepartmentRequest request, long? id, CrmDbContext db, PhoneNormalizer normalizer, ValidationErrors errors, CancellationToken cancellationToken)
    {
        errors.Required("name", request.Name);
        errors.MaxLength("name", request.Name, 200);
        var name = request.Name?.Trim();
        if (name is { Length: > 0 } && await db.Departments.AnyAsync(d => d.Name == name && d.Id != id, cancellationToken).ConfigureAwait(false))
        {
            errors.Add("name", "another department has this name.");
        }

        if (request.Routing is { } routing)
        {
            RoutingSettingsValidator.Validate(routing, errors);
            if (routing.OverflowDepartmentId is { } overflow
                && (overflow == id || !await db.Departments.AnyAsync(d => d.Id == overflow, cancellationToken).ConfigureAwait(false)))
            {
                errors.Add("routing.overflowDepartmentId", "must be another existing department.");
            }
        }

        var numbers = new List<string>();
        var inputs = request.Numbers ?? [];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (!normalizer.TryNormalize(inputs[i], out var e164, out var error))
            {
                errors.Add($"numbers[{i}]", error!);
            }
            else if (!numbers.Contains(e164))
            {
                numbers.Add(e164);
            }
        }

        return numbers;
    }

    private static async Task<IResult?> SaveAsync(CrmDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return ApiProblems.Conflict("name", "Another department has this name.");
        }
    }
}
