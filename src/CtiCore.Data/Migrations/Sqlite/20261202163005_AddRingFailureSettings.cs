using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CtiCore.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddRingFailureSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing departments get the same defaults a new one has (DepartmentRoutingSettings).
            migrationBuilder.AddColumn<int>(
                name: "Routing_BusyCooldownSeconds",
                table: "departments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<string>(
                name: "Routing_DeclinedPauseReason",
                table: "departments",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "Declined call");

            migrationBuilder.AddColumn<string>(
                name: "Routing_UnreachablePauseReason",
                table: "departments",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "Phone unreachable");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Routing_BusyCooldownSeconds",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "Routing_DeclinedPauseReason",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "Routing_UnreachablePauseReason",
                table: "departments");
        }
    }
}
