graph [
  node [ id 0 name "AAA" ]
  node [ id 1 name "BBB" ]
  edge [ source 0 target 1 ]
]
