module example.com/orders

go 1.26

require (
	github.com/google/uuid v1.6.0
	golang.org/x/sync v0.25.0
)
