graph [
  node [ id 0 name "AAA" ]
  edge [ source 0 target 7 ]
]
