using Emulator.Device.Profiles;
using Emulator.Device.Yaml;

namespace Emulator.Device.Tests;

public class BrokenProfileTests
{
    private const string Family = """
        abstract: true
        dialect: V5
        family: Test family
        software: { version: "5.20", release: "3177", copyright-years: 2004-2011 }
        sysname: H3C
        vty-lines: 5
        hardware:
          cpu: Test CPU
          memory-mb: 512
          flash-mb: 64
          storage-medium: flash
          pcb: Ver.A
          cpld: "1.0"
          bootrom: "1.0"
          serial-number: "SN{digits:6}"
          base-mac: "0000-00{hex:2}-{hex:4}"
          manufacturing-date: "2010-01-01"
        ssh:
          identification: SSH-1.99-Comware-5.20
          algorithms:
            kex: [diffie-hellman-group14-sha1]
            host-key: [ssh-rsa]
            ciphers: [aes128-cbc]
            macs: [hmac-sha1]
            compression: [none]
          host-keys: [{ type: ssh-rsa, bits: 1024 }]
        users: [{ name: admin, password: admin, level: 3 }]
        interfaces: [{ name: GigabitEthernet0/0 }]
        default-configuration: |
          #
           ssh server enable
        """;

    private static YamlValidationException LoadBroken(string model) =>
        Assert.Throws<YamlValidationException>(() => ProfileCatalog.LoadFiles([("fam.yaml", Family), ("bad.yaml", model)]));

    private static void AssertError(YamlValidationException ex, string location, string fragment) =>
        Assert.Contains(ex.Errors, e => $"{e.File}:{e.Line}:{e.Column}".StartsWith(location, StringComparison.Ordinal) && e.Message.Contains(fragment, StringComparison.Ordinal));

    [Fact]
    public void A_valid_model_on_the_test_family_loads()
    {
        var catalog = ProfileCatalog.LoadFiles([("fam.yaml", Family), ("ok.yaml", "extends: fam\nmodel: SecPath Test\n")]);
        Assert.Equal("SecPath Test", catalog.Get("ok").Model);
    }

    [Fact]
    public void Unknown_key_is_named_with_its_position_and_a_suggestion()
    {
        var ex = LoadBroken("extends: fam\nmodel: X\nsys-name: H3C\n");
        AssertError(ex, "bad.yaml:3:1", "unknown key 'sys-name'");
        Assert.Contains("did you mean 'sysname'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_nested_key_is_reported_in_its_section()
    {
        var ex = LoadBroken("extends: fam\nmodel: X\nhardware:\n  ram-mb: 512\n");
        AssertError(ex, "bad.yaml:4:3", "unknown key 'ram-mb' in hardware facts");
    }

    [Fact]
    public void Wrong_type_says_what_was_expected()
    {
        var ex = LoadBroken("extends: fam\nmodel: X\nhardware:\n  memory-mb: lots\n");
        AssertError(ex, "bad.yaml:4:14", "'memory-mb' in hardware facts must be the memory size in MB, found 'lots'");

        ex = LoadBroken("extends: fam\nmodel: [a, b]\n");
        AssertError(ex, "bad.yaml:2:8", "'model' in profile 'bad' must be");
    }

    [Fact]
    public void Unknown_algorithm_name_is_rejected()
    {
        var ex = LoadBroken("extends: fam\nmodel: X\nssh:\n  algorithms:\n    ciphers: [aes128-cbc, rc4-128]\n");
        AssertError(ex, "bad.yaml:5:27", "unknown cipher algorithm 'rc4-128'");
    }

    [Fact]
    public void Host_key_algorithms_without_any_factory_key_are_rejected()
    {
        var ex = LoadBroken("extends: fam\nmodel: X\nssh:\n  algorithms:\n    host-key: [ssh-ed25519]\n");
        AssertError(ex, "fam.yaml", "no host-key algorithm (ssh-ed25519) has a factory key");
    }

    [Fact]
    public void Duplicate_interface_is_rejected_with_both_lines()
    {
        var ex = LoadBroken("extends: fam\nmodel: X\ninterfaces:\n  - range: GigabitEthernet0/0-3\n  - name: GigabitEthernet0/2\n");
        AssertError(ex, "bad.yaml:5:11", "duplicate interface 'GigabitEthernet0/2' (already listed at line 4)");
    }

    [Fact]
    public void Missing_required_field_names_the_model_file()
    {
        var ex = LoadBroken("extends: fam\n");
        AssertError(ex, "bad.yaml:1:1", "missing required key 'model'");
    }

    [Fact]
    public void Unknown_parent_and_cycles_are_reported()
    {
        AssertError(LoadBroken("extends: nothing\nmodel: X\n"), "bad.yaml:1:10", "'extends: nothing' names no profile");
        var ex = Assert.Throws<YamlValidationException>(() => ProfileCatalog.LoadFiles([("a.yaml", "extends: b\n"), ("b.yaml", "extends: a\n")]));
        Assert.Contains("cycle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_syntax_errors_and_duplicate_keys_carry_a_position()
    {
        var ex = LoadBroken("extends: fam\nmodel: [unclosed\n");
        Assert.Contains(ex.Errors, e => e.File == "bad.yaml" && e.Line >= 2);
        ex = LoadBroken("extends: fam\nmodel: X\nmodel: Y\n");
        Assert.Contains(ex.Errors, e => e.File == "bad.yaml" && e.Message.Contains("uplicate", StringComparison.Ordinal));
    }

    [Fact]
    public void Dialect_specific_user_settings_are_checked()
    {
        var ex = LoadBroken("extends: fam\nmodel: X\nusers:\n  - { name: ops, password: x, level: 1, role: network-admin, services: [ssh, sftp] }\n");
        AssertError(ex, "bad.yaml:4:47", "give 'level' (V5) or 'role', not both");
        AssertError(ex, "bad.yaml:4:78", "unknown service type 'sftp'");
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_at_once()
    {
        var ex = LoadBroken("extends: fam\nmodel: X\ncolour: red\nhardware: { memory-mb: -1 }\nssh: { identification: telnet }\n");
        Assert.True(ex.Errors.Count >= 3, ex.Message);
    }

    [Fact]
    public void A_missing_directory_is_an_error()
    {
        var ex = Assert.Throws<YamlValidationException>(() => ProfileCatalog.Load(Path.Combine(Path.GetTempPath(), "no-such-profiles-" + Guid.NewGuid())));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }
}
