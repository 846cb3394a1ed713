using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CtiCore.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSipCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SipExtension",
                table: "users",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SipExtensionMd5",
                table: "users",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SipExtensionSha256",
                table: "users",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SipLoginMd5",
                table: "users",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SipLoginSha256",
                table: "users",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SipRealm",
                table: "users",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SipExtension",
                table: "users");

            migrationBuilder.DropColumn(
                name: "SipExtensionMd5",
                table: "users");

            migrationBuilder.DropColumn(
                name: "SipExtensionSha256",
                table: "users");

            migrationBuilder.DropColumn(
                name: "SipLoginMd5",
                table: "users");

            migrationBuilder.DropColumn(
                name: "SipLoginSha256",
                table: "users");

            migrationBuilder.DropColumn(
                name: "SipRealm",
                table: "users");
        }
    }
}
