module github.com/gophertutor/concurrency

go 1.25.0

require (
	github.com/creack/pty v1.1.24
	github.com/petermattis/goid v0.0.0-20260820044319-269ab09b5261
	github.com/stretchr/testify v1.12.1
	github.com/traefik/yaegi v0.16.1
	go.uber.org/goleak v1.3.0
	golang.org/x/sync v0.22.0
	golang.org/x/sys v0.47.0
	golang.org/x/term v0.45.0
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
