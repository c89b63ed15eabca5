module example.com/mono/api

go 1.25

require example.com/mono/lib v0.0.0

replace example.com/mono/lib => ./lib
