// Command edp-sdkgen generates the TypeScript, Python and Go SDKs of a Pulumi package from its schema, with the
// code generators of github.com/pulumi/pulumi/pkg/v3 (the ones `pulumi package gen-sdk` runs). It exists because
// `pulumi package gen-sdk` needs each language's plugin (pulumi-language-nodejs, -python, -go), which this
// project's machines cannot install; the generators themselves are plain Go libraries.
//
//	edp-sdkgen -schema schema.json -out build/sdk [-languages nodejs,python,go]
//
// It writes <out>/<language>/... and exits non-zero, naming the language, on the first generator error.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"

	"github.com/blang/semver"
)

const tool = "edp-sdkgen"

func main() {
	schemaPath := flag.String("schema", "", "the package schema (JSON), as `pulumi package get-schema` prints it")
	out := flag.String("out", "", "directory the SDKs are written under, one folder per language")
	languages := flag.String("languages", "nodejs,python,go", "comma-separated: nodejs, python, go")
	flag.Parse()
	if *schemaPath == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: edp-sdkgen -schema schema.json -out DIR [-languages nodejs,python,go]")
		os.Exit(2)
	}
	if err := run(*schemaPath, *out, strings.Split(*languages, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "edp-sdkgen:", err)
		os.Exit(1)
	}
}

func run(schemaPath, out string, languages []string) error {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: not a package schema: %w", schemaPath, err)
	}
	for _, language := range languages {
		// Each generator records its language's info on the package, so bind a fresh one per language.
		pkg, diags, err := schema.BindSpec(spec, selfContained{}, schema.ValidationOptions{})
		if err != nil {
			return fmt.Errorf("%s: %w", schemaPath, err)
		}
		if diags.HasErrors() {
			return fmt.Errorf("%s: invalid schema: %s", schemaPath, diags.Error())
		}
		files, err := generate(strings.TrimSpace(language), pkg)
		if err != nil {
			return fmt.Errorf("%s SDK: %w", language, err)
		}
		for name, content := range files {
			path := filepath.Join(out, language, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, content, 0o644); err != nil {
				return err
			}
		}
		fmt.Printf("%s: %d files in %s\n", language, len(files), filepath.Join(out, language))
	}
	return nil
}

func generate(language string, pkg *schema.Package) (map[string][]byte, error) {
	switch language {
	case "nodejs":
		return nodejs.GeneratePackage(tool, pkg, nil, nil, false, selfContained{})
	case "python":
		return python.GeneratePackage(tool, pkg, nil, selfContained{})
	case "go":
		return gogen.GeneratePackage(tool, pkg, nil)
	default:
		return nil, fmt.Errorf("unknown language %q (nodejs, python, go)", language)
	}
}

// selfContained is the loader for a schema that references no other package: EDP's component takes and returns
// only plain values and its own types, so any request for another package's schema is an error, not a download.
type selfContained struct{}

func (selfContained) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema references package %q: edp-sdkgen loads no other package", name)
}

func (l selfContained) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, d.Version)
}

func (l selfContained) LoadPackageReference(name string, v *semver.Version) (schema.PackageReference, error) {
	_, err := l.LoadPackage(name, v)
	return nil, err
}

func (l selfContained) LoadPackageReferenceV2(
	ctx context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	_, err := l.LoadPackageV2(ctx, d)
	return nil, err
}
