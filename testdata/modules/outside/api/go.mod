module example.com/mono/api

go 1.26

require (
	example.com/mono/shared v0.0.0
	github.com/google/uuid v1.6.0
)

replace example.com/mono/shared => ../shared
