module example.com/gateway

go 1.22

require (
	github.com/go-chi/chi/v5 v5.2.1
	golang.org/x/sync v0.10.0
)
