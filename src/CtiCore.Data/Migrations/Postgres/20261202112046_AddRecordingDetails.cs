using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CtiCore.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddRecordingDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RecordingBytes",
                table: "interactions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecordingDurationMs",
                table: "interactions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RecordingErasedAt",
                table: "interactions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecordingKey",
                table: "interactions",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RecordingLegalHold",
                table: "interactions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RecordingPauses",
                table: "interactions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecordingSha256",
                table: "interactions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "recording_erasures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InteractionId = table.Column<long>(type: "bigint", nullable: false),
                    ClientId = table.Column<long>(type: "bigint", nullable: true),
                    CallKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RequestedById = table.Column<long>(type: "bigint", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recording_erasures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recording_playbacks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InteractionId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Range = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recording_playbacks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_recording_erasures_ClientId_At",
                table: "recording_erasures",
                columns: new[] { "ClientId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_recording_erasures_InteractionId",
                table: "recording_erasures",
                column: "InteractionId");

            migrationBuilder.CreateIndex(
                name: "IX_recording_playbacks_InteractionId_At",
                table: "recording_playbacks",
                columns: new[] { "InteractionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_recording_playbacks_UserId_At",
                table: "recording_playbacks",
                columns: new[] { "UserId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recording_erasures");

            migrationBuilder.DropTable(
                name: "recording_playbacks");

            migrationBuilder.DropColumn(
                name: "RecordingBytes",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "RecordingDurationMs",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "RecordingErasedAt",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "RecordingKey",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "RecordingLegalHold",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "RecordingPauses",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "RecordingSha256",
                table: "interactions");
        }
    }
}
