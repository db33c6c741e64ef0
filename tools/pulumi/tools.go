//go:build tools

// The Pulumi CLI is built from this module's pinned github.com/pulumi/pulumi/pkg/v3 (`./edp setup`); this import
// keeps it in go.mod for `go mod tidy`.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
